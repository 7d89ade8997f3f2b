using System.Diagnostics;
using System.Globalization;
using Sift.Data;
using Sift.Inference;
using Sift.Model;
using Sift.Text;
using Sift.Training;

namespace Sift.Eval;

/// <summary>Samples, grades and saves completions once: a samples file that exists is read instead (a rerun resumes).</summary>
public static class GradedSampling
{
    /// <summary>The graded samples in <paramref name="path"/>, sampled from <paramref name="model"/> first when the file is absent.</summary>
    public static GradedProblem[] LoadOrSample(string path, string label, TransformerModel model, BpeTokenizer tokenizer, PromptTemplate template,
        IReadOnlyList<MathProblem> problems, SamplingSettings settings, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        if (File.Exists(path)) return SampleFile.Read(path).ToArray();
        reporter.Stage(label);
        var clock = Stopwatch.StartNew();
        var raw = new ProblemSampler(model, tokenizer, template).Sample(problems, settings, reporter.Sampling(label), ct);
        var graded = new SampleGrader().GradeAll(raw).ToArray();
        SampleFile.Write(path, graded);
        long tokens = raw.Sum(p => p.Completions.Sum(c => (long)c.Tokens));
        double correct = graded.Sum(g => g.CorrectCount) / (double)Math.Max(1, graded.Sum(g => g.Samples.Count));
        reporter.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} samples, {2:P1} correct, {3:F0} tokens/s, {4:F1} s",
            label, graded.Sum(g => g.Samples.Count), correct, tokens / clock.Elapsed.TotalSeconds, clock.Elapsed.TotalSeconds));
        return graded;
    }
}
