using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Eval;
using Sift.Eval.Selection;
using Sift.Methods.Evaluator;
using Sift.Methods.Multitask;
using Sift.Runs;
using Sift.Training;
using Sift.Inference;
using Sift.Model.Sampling;

namespace Sift.Pipelines;

/// <summary>
/// Re-ranking and multi-task fine-tuning inside an experiment (Liu et al. 2023), per seed:
/// <list type="number">
/// <item>n samples per test problem from SFT model A (<c>samples/sft-a-test-nN.jsonl</c>);</item>
/// <item>an evaluator fine-tuned from A on A's own graded samples of the training problems (RFT's draw),
/// balanced per problem, with label cross-entropy and/or the pairwise margin loss (<c>evaluator/</c>);</item>
/// <item>every test sample scored; the evaluator's accuracy and AUC on them (problems it never saw);</item>
/// <item>accuracy against k of every selection strategy: the results.json "rerank" object;</item>
/// <item>with multi-task enabled, <see cref="MultitaskRunner"/> on the same test problems and samples: "multitask".</item>
/// </list>
/// Every step is skipped when its output exists, so a rerun resumes.
/// </summary>
public static class RerankStage
{
    public static void Run(ExperimentOptions options, int seed, RunDirectory seedRun, RunDirectory sftA, IReadOnlyList<GradedProblem> trainSamplesA,
        IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test, PromptTemplate template, IDictionary<string, JsonObject> sections, IProgressReporter reporter, CancellationToken ct)
    {
        var o = options.Rerank;
        var problems = o.TestProblems > 0 ? test.Take(o.TestProblems).ToArray() : test;
        var testSamples = SampleTest(options, seed, seedRun, sftA, problems, template, reporter, ct);
        var donePath = Path.Combine(seedRun.Root, "rerank.json");
        if (File.Exists(donePath))
        {
            sections["rerank"] = JsonNode.Parse(File.ReadAllText(donePath))!.AsObject();
            RunMultitask(options, seed, seedRun, sftA, trainSamplesA, train, problems, testSamples, template, sections, reporter, ct);
            return;
        }

        var evaluatorRun = new EvaluatorRun(o.Data with { Seed = SeedDerivation.DeriveSeed(seed, "evaluator/data") }, o.Evaluator with { Seed = SeedDerivation.DeriveSeed(seed, "evaluator/train") }, seedRun.Child("evaluator"), reporter);
        var evaluator = evaluatorRun.Execute(sftA.CheckpointDir("final"), trainSamplesA, null, cancellationToken: ct);
        var (report, scored) = Score(evaluator.ModelDir, testSamples, reporter);
        reporter.Info($"seed {seed}: evaluator on {problems.Count} test problems' samples: {report.Summary()}");
        var rerank = RerankSweep.Run(scored, SelectionStrategies.Standard(), new RerankSweepOptions(16, SeedDerivation.DeriveSeed(seed, "rerank")));
        var json = rerank.ToJsonObject(includeKs: true);
        json["n"] = o.N;
        json["evaluator"] = report.ToJson();
        json["evaluator_objective"] = o.Evaluator.Objective.ToString();
        sections["rerank"] = json;
        Sift.IO.AtomicFile.WriteAllText(donePath, json.ToJsonString() + "\n");
        reporter.Info(string.Format(CultureInfo.InvariantCulture, "seed {0}: at k = {1}: majority {2:P1}, cluster re-rank {3:P1}, weighted vote {4:P1}",
            seed, o.N, rerank.AccuracyAt("majority", rerank.Ks[^1]), rerank.AccuracyAt("cluster_rerank", rerank.Ks[^1]), rerank.AccuracyAt("weighted_vote", rerank.Ks[^1])));
        RunMultitask(options, seed, seedRun, sftA, trainSamplesA, train, problems, testSamples, template, sections, reporter, ct);
    }

    private static void RunMultitask(ExperimentOptions options, int seed, RunDirectory seedRun, RunDirectory sftA, IReadOnlyList<GradedProblem> trainSamplesA,
        IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> problems, IReadOnlyList<GradedProblem> testSamples, PromptTemplate template, IDictionary<string, JsonObject> sections, IProgressReporter reporter, CancellationToken ct)
    {
        var o = options.Rerank;
        if (!options.Multitask.Enabled) return;
        var multitask = new MultitaskOptions
        {
            Generation = options.Multitask.Generation ?? options.Sft with { Seed = SeedDerivation.DeriveSeed(seed, "multitask/generation") },
            Evaluation = options.Multitask.Evaluation with { Seed = SeedDerivation.DeriveSeed(seed, "multitask/evaluation") },
            Data = o.Data with { Seed = SeedDerivation.DeriveSeed(seed, "evaluator/data") },
            Template = template,
            RerankSamples = o.N,
            MaxNewTokens = options.MaxNewTokens,
            SampleBatch = options.SampleBatch,
            Seed = SeedDerivation.DeriveSeed(seed, "multitask"),
            // The last generation stage overwrites the label logits (its own scores rank backwards, AUC
            // ~0.3 in docs/evaluator.md), so sequential's samples are scored by its evaluation-stage model.
            SequentialScoresWithEvaluationStage = true,
        };
        reporter.Stage($"seed {seed}: multi-task fine-tuning (solution FT, sequential, mixed)");
        var results = new MultitaskRunner(multitask, seedRun.Child("multitask"), reporter)
            .Execute(sftA.CheckpointDir("final"), sftA.CheckpointDir("base"), train, problems, trainSamplesA, testSamples, ct);
        reporter.Info($"seed {seed}: multi-task\n{results.Table()}");
        var summary = new JsonObject();
        foreach (var s in results.Strategies)
        {
            // Model paths differ per seed; the comparison needs greedy and re-ranked accuracy at the largest k.
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
        sections["multitask"] = summary;
    }

    private static GradedProblem[] SampleTest(ExperimentOptions options, int seed, RunDirectory seedRun, RunDirectory sftA, IReadOnlyList<MathProblem> problems, PromptTemplate template, IProgressReporter reporter, CancellationToken ct)
    {
        int n = options.Rerank.N;
        var path = seedRun.SamplesFile($"sft-a-test-n{n}.jsonl");
        if (File.Exists(path)) return SampleFile.Read(path).ToArray();
        var label = $"seed {seed}: sample n={n} per test problem from SFT model A ({problems.Count} problems)";
        reporter.Stage(label);
        var (model, tokenizer) = SavedModel.Load(sftA.CheckpointDir("final"));
        using (model)
        {
            var settings = new SamplingSettings { K = n, Temperature = options.Eval.Temperature, MaxNewTokens = options.MaxNewTokens, BatchSize = options.SampleBatch, Seed = SeedDerivation.DeriveSeed(seed, "rerank-samples") };
            var graded = new SampleGrader().GradeAll(new ProblemSampler(model, tokenizer, template).Sample(problems, settings, reporter.Sampling(label), ct)).ToArray();
            SampleFile.Write(path, graded);
            return graded;
        }
    }

    /// <summary>Scores every sample with the evaluator: its accuracy/AUC against the grader, and the problems ready for selection.</summary>
    private static (EvaluatorReport Report, IReadOnlyList<Sift.Eval.Selection.ProblemSamples> Problems) Score(string evaluatorDir, GradedProblem[] graded, IProgressReporter reporter)
    {
        reporter.Stage($"score {graded.Sum(p => p.Samples.Count)} test samples with the evaluator");
        using var scorer = ModelEvaluatorScorer.Load(evaluatorDir);
        var (report, scores) = EvaluatorReport.Score(scorer, graded);
        var problems = new List<Sift.Eval.Selection.ProblemSamples>(graded.Length);
        int at = 0;
        foreach (var p in graded)
        {
            var samples = p.Samples.Select(s => new ScoredSample(s.Text, s.Answer, scores[at++])).ToArray();
            problems.Add(new Sift.Eval.Selection.ProblemSamples(p.Gold, samples, p.Question));
        }
        return (report, problems);
    }
}
