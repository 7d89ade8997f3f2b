using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Eval;
using Sift.Eval.Selection;
using Sift.IO;
using Sift.Model.Sampling;
using Sift.Training;

namespace Sift.Methods.Evaluator;

/// <summary>
/// Re-ranking inside an experiment (Liu et al. 2023), for one seed:
/// <list type="number">
/// <item>n samples per test problem from SFT model A (<see cref="RerankTestSamples"/>);</item>
/// <item>an evaluator fine-tuned from A on A's own graded samples of the training problems (RFT's draw),
/// balanced per problem, with label cross-entropy and/or the pairwise margin loss (<c>evaluator/</c>);</item>
/// <item>every test sample scored; the evaluator's accuracy and AUC on them (problems it never saw);</item>
/// <item>accuracy against k of every selection strategy: the results.json "rerank" object.</item>
/// </list>
/// Every step is skipped when its output exists (<c>rerank.json</c> holds the finished result), so a rerun resumes.
/// </summary>
public static class RerankStage
{
    /// <summary>The seed's "rerank" object; needs <see cref="SeedInputs.TrainSamplesA"/>.</summary>
    public static JsonObject Run(RerankOptions o, SharedSettings shared, SeedInputs seed, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(seed);
        ArgumentNullException.ThrowIfNull(reporter);
        var trainSamplesA = seed.TrainSamplesA ?? throw new ArgumentException("re-ranking trains the evaluator on RFT's samples of model A; none were drawn", nameof(seed));
        var problems = RerankTestSamples.Problems(o, seed.Test);
        var testSamples = RerankTestSamples.LoadOrSample(o, shared, seed, problems, reporter, ct);
        var donePath = Path.Combine(seed.Run.Root, "rerank.json");
        if (File.Exists(donePath)) return JsonNode.Parse(File.ReadAllText(donePath))!.AsObject();

        var evaluatorRun = new EvaluatorRun(o.Data with { Seed = SeedDerivation.DeriveSeed(seed.Seed, "evaluator/data") }, o.Evaluator with { Seed = SeedDerivation.DeriveSeed(seed.Seed, "evaluator/train") }, seed.Run.Child("evaluator"), reporter);
        var evaluator = evaluatorRun.Execute(seed.SftA.CheckpointDir("final"), trainSamplesA, null, cancellationToken: ct);
        var (report, scored) = Score(evaluator.ModelDir, testSamples, reporter);
        reporter.Info($"seed {seed.Seed}: evaluator on {problems.Count} test problems' samples: {report.Summary()}");
        var rerank = RerankSweep.Run(scored, SelectionStrategies.Standard(), new RerankSweepOptions(RerankSweepOptions.DefaultSubsets, SeedDerivation.DeriveSeed(seed.Seed, "rerank")));
        var json = rerank.ToJsonObject(includeKs: true);
        json["n"] = o.N;
        json["evaluator"] = report.ToJson();
        json["evaluator_objective"] = o.Evaluator.Objective.ToString();
        AtomicFile.WriteAllText(donePath, json.ToJsonString() + "\n");
        reporter.Info(string.Format(CultureInfo.InvariantCulture, "seed {0}: at k = {1}: majority {2:P1}, cluster re-rank {3:P1}, weighted vote {4:P1}",
            seed.Seed, o.N, rerank.AccuracyAt("majority", rerank.Ks[^1]), rerank.AccuracyAt("cluster_rerank", rerank.Ks[^1]), rerank.AccuracyAt("weighted_vote", rerank.Ks[^1])));
        return json;
    }

    /// <summary>Scores every sample with the evaluator: its accuracy/AUC against the grader, and the problems ready for selection.</summary>
    private static (EvaluatorReport Report, IReadOnlyList<ProblemSamples> Problems) Score(string evaluatorDir, GradedProblem[] graded, IProgressReporter reporter)
    {
        reporter.Stage($"score {graded.Sum(p => p.Samples.Count)} test samples with the evaluator");
        using var scorer = ModelEvaluatorScorer.Load(evaluatorDir);
        var (report, scores) = EvaluatorReport.Score(scorer, graded);
        var problems = new List<ProblemSamples>(graded.Length);
        int at = 0;
        foreach (var p in graded)
        {
            var samples = p.Samples.Select(s => new ScoredSample(s.Text, s.Answer, scores[at++])).ToArray();
            problems.Add(new ProblemSamples(p.Gold, samples, p.Question));
        }
        return (report, problems);
    }
}
