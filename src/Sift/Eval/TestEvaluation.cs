using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Model;
using Sift.Model.Sampling;
using Sift.Runs;
using Sift.Text;
using Sift.Training;

namespace Sift.Eval;

/// <summary>A model's test-set evaluation inside a run directory, done once: results.json's "eval" is read back on a rerun.</summary>
public static class TestEvaluation
{
    /// <param name="options">What to measure; its seed is replaced by one derived from <paramref name="seed"/> ("eval").</param>
    public static SeedScore RunOrLoad(RunDirectory dir, string label, TransformerModel model, BpeTokenizer tokenizer, PromptTemplate template,
        IReadOnlyList<MathProblem> test, EvalOptions options, int seed, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(dir);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reporter);
        var existing = dir.ReadResults();
        if (existing?["eval"] is JsonObject done && done["greedy"] is not null)
        {
            return new SeedScore(seed, done["greedy"]!.GetValue<double>(), done["maj_k"]?.GetValue<double>());
        }
        reporter.Stage(label);
        var runner = new EvalRunner(model, tokenizer, template);
        var report = runner.Run(test, options.WithDecoding(d => d with { Seed = SeedDerivation.DeriveSeed(seed, "eval") }), dir.SamplesFile("test-eval.jsonl"), reporter.Sampling(label), ct);
        dir.WriteResults(new JsonObject { ["eval"] = report.ToJson() });
        using (var log = dir.OpenLog()) log.Write("eval_test", report.ToJson());
        reporter.Info($"{label}: {report.Summary()}");
        return new SeedScore(seed, report.GreedyAccuracy ?? double.NaN, report.MajorityAccuracy);
    }
}
