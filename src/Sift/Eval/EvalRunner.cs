using System.Diagnostics;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Model;
using Sift.Text;
using Sift.Inference;

namespace Sift.Eval;

/// <summary>
/// Evaluates a model on problems: greedy accuracy, maj1@k (majority vote over grader-equivalent
/// answers of k samples, Wang et al. 2022 "Self-Consistency"; the RFT paper's maj1@k column) and the
/// unbiased pass@k of Chen et al. 2021 from n = k samples. Optionally writes one JSONL row per
/// problem (prompt, greedy and sampled completions, extracted answers, verdicts).
/// </summary>
public sealed class EvalRunner(TransformerModel model, BpeTokenizer tokenizer, PromptTemplate template, SampleGrader? grader = null)
{
    public SampleGrader Grader { get; } = grader ?? new SampleGrader();

    public ProblemSampler Sampler { get; } = new(model, tokenizer, template);

    /// <summary>Runs the evaluation.</summary>
    /// <param name="problems">Problems with gold answers.</param>
    /// <param name="options">What to measure.</param>
    /// <param name="perProblemPath">Where to write the per-problem JSONL (null: not written).</param>
    /// <param name="progress">Sampling progress (greedy pass first, then the k samples).</param>
    public EvalReport Run(IReadOnlyList<MathProblem> problems, EvalOptions options, string? perProblemPath = null, IProgress<SamplingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        IReadOnlyList<GradedProblem>? greedy = null, sampled = null;
        long tokens = 0;
        if (options.Greedy)
        {
            var raw = Sampler.Sample(problems, options.GreedySettings, progress, cancellationToken);
            greedy = Grader.GradeAll(raw);
            tokens += raw.Sum(p => p.Completions.Sum(c => (long)c.Tokens));
        }
        if (options.K > 0)
        {
            var raw = Sampler.Sample(problems, options.Sampling, progress, cancellationToken);
            sampled = Grader.GradeAll(raw);
            tokens += raw.Sum(p => p.Completions.Sum(c => (long)c.Tokens));
        }
        var report = Summarize(problems.Count, greedy, sampled, options.K, Grader, clock.Elapsed.TotalSeconds, tokens);
        if (perProblemPath is not null)
        {
            WritePerProblem(perProblemPath, problems.Count, greedy, sampled, options.K);
        }
        return report;
    }

    /// <summary>The metrics of already graded completions (pure; tests check it against hand counts).</summary>
    public static EvalReport Summarize(int problemCount, IReadOnlyList<GradedProblem>? greedy, IReadOnlyList<GradedProblem>? sampled, int k, SampleGrader grader, double seconds, long tokens)
    {
        double? greedyAccuracy = greedy is null ? null : problemCount == 0 ? 0 : greedy.Count(p => p.Samples.Count > 0 && p.Samples[0].Correct) / (double)problemCount;
        double? majority = null;
        var pass = new SortedDictionary<int, double>();
        if (sampled is not null && k > 0)
        {
            int majorityCorrect = 0;
            foreach (var p in sampled)
            {
                if (MajorityCorrect(p, k, grader)) majorityCorrect++;
            }
            majority = problemCount == 0 ? 0 : majorityCorrect / (double)problemCount;
            var counts = sampled.Select(p => (p.Samples.Count, p.CorrectCount)).ToArray();
            foreach (var kk in PassKs(k))
            {
                pass[kk] = counts.Length == 0 ? 0 : PassAtK.Mean(counts, kk);
            }
        }
        return new EvalReport(problemCount, greedyAccuracy, majority, sampled is null ? 0 : k, pass, seconds, tokens);
    }

    /// <summary>Whether the majority answer of the first <paramref name="k"/> samples is equivalent to the gold answer.</summary>
    public static bool MajorityCorrect(GradedProblem p, int k, SampleGrader grader)
    {
        var answers = p.Samples.Select(s => s.Answer).ToArray();
        var vote = MajorityVote.Vote(answers, Math.Min(k, answers.Length), grader.Equivalent);
        return vote.Answer is not null && p.Samples[vote.Index].Correct;
    }

    /// <summary>1, 2, 4, … below n, then n.</summary>
    public static IReadOnlyList<int> PassKs(int n)
    {
        var ks = new List<int>();
        for (int k = 1; k < n; k *= 2) ks.Add(k);
        if (n > 0) ks.Add(n);
        return ks;
    }

    private void WritePerProblem(string path, int count, IReadOnlyList<GradedProblem>? greedy, IReadOnlyList<GradedProblem>? sampled, int k)
    {
        var rows = new List<GradedProblem>(count);
        for (int i = 0; i < count; i++) rows.Add(sampled?[i] ?? greedy![i] with { Samples = [] });
        int index = 0;
        SampleFile.Write(path, rows, p =>
        {
            int i = index++;
            var extra = new JsonObject();
            if (greedy is not null)
            {
                var g = greedy[i].Samples[0];
                extra["greedy"] = new JsonObject { ["text"] = g.Text, ["answer"] = g.Answer, ["verdict"] = g.Verdict, ["correct"] = g.Correct };
            }
            if (sampled is not null && k > 0)
            {
                var answers = p.Samples.Select(s => s.Answer).ToArray();
                var vote = MajorityVote.Vote(answers, Math.Min(k, answers.Length), Grader.Equivalent);
                extra["majority_answer"] = vote.Answer;
                extra["majority_correct"] = vote.Answer is not null && p.Samples[vote.Index].Correct;
                extra["correct_count"] = p.CorrectCount;
            }
            return extra;
        });
    }
}
