using System.Text.Json.Nodes;
using Sift.Methods.Evaluator;
using Sift.Model.Sampling;
using Sift.Training;

namespace Sift.Methods.Multitask;

/// <summary>
/// Multi-task fine-tuning inside an experiment (Liu et al. 2023, §3.3), for one seed:
/// <see cref="MultitaskRunner"/> from SFT model A on the re-ranking stage's test problems and samples
/// (<see cref="RerankTestSamples"/>), its evaluation data drawn from A's graded training samples (RFT's
/// draw). The seed's result is the "multitask" object of results.json.
/// </summary>
public static class MultitaskStage
{
    /// <param name="rerank">Re-ranking's options: the test problems, n samples per problem, and how evaluation pairs are drawn.</param>
    public static MultitaskResults Run(MultitaskOptions options, RerankOptions rerank, SharedSettings shared, SeedInputs seed, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rerank);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(reporter);
        var trainSamplesA = seed.TrainSamplesA ?? throw new ArgumentException("multi-task trains its evaluation stage on RFT's samples of model A; none were drawn", nameof(seed));
        var problems = RerankTestSamples.Problems(rerank, seed.Test);
        var testSamples = RerankTestSamples.LoadOrSample(rerank, shared, seed, problems, reporter, ct);
        var multitask = options with
        {
            Generation = options.Generation ?? shared.Sft with { Seed = SeedDerivation.DeriveSeed(seed.Seed, "multitask/generation") },
            Evaluation = options.Evaluation with { Seed = SeedDerivation.DeriveSeed(seed.Seed, "multitask/evaluation") },
            Data = rerank.Data with { Seed = SeedDerivation.DeriveSeed(seed.Seed, "evaluator/data") },
            Template = shared.Template,
            RerankSamples = rerank.N,
            MaxNewTokens = shared.MaxNewTokens,
            SampleBatch = shared.SampleBatch,
            Seed = SeedDerivation.DeriveSeed(seed.Seed, "multitask"),
            // The last generation stage overwrites the label logits (its own scores rank backwards, AUC
            // ~0.3 in docs/evaluator.md), so sequential's samples are scored by its evaluation-stage model.
            SequentialScoresWithEvaluationStage = true,
        };
        reporter.Stage($"seed {seed.Seed}: multi-task fine-tuning (solution FT, sequential, mixed)");
        var results = new MultitaskRunner(multitask, seed.Run.Child("multitask"), reporter)
            .Execute(seed.SftA.CheckpointDir("final"), seed.SftA.CheckpointDir("base"), seed.Train, problems, trainSamplesA, testSamples, ct);
        reporter.Info($"seed {seed.Seed}: multi-task\n{results.Table()}");
        return results;
    }

    /// <summary>The seed's "multitask" object: greedy and re-ranked accuracy at the largest k per strategy (model paths differ per seed, so they are left out).</summary>
    public static JsonObject ToJson(MultitaskResults results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var summary = new JsonObject();
        foreach (var s in results.Strategies)
        {
            var entry = new JsonObject { ["greedy"] = s.GreedyAccuracy };
            if (s.Rerank is { } r)
            {
                int k = r.Ks[^1];
                entry["k"] = k;
                entry["majority"] = r.AccuracyAt("majority", k);
                entry["cluster_rerank"] = r.AccuracyAt("cluster_rerank", k);
                entry["weighted_vote"] = r.AccuracyAt("weighted_vote", k);
                entry["best_of_n"] = r.AccuracyAt("best_of_n", k);
            }
            if (s.Evaluator is { } e)
            {
                entry["evaluator_accuracy"] = e.Accuracy;
                entry["evaluator_auc"] = e.Auc;
            }
            summary[s.Name] = entry;
        }
        return summary;
    }
}
