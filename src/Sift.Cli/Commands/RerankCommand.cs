using System.CommandLine;
using Sift.Eval.Selection;
using Sift.Grading;
using Sift.Methods.Evaluator;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift rerank`: accuracy of every selection strategy (majority, best-of-n, cluster re-ranking,
/// weighted voting, weighted cluster re-ranking) for k = 1, 2, 4, ... up to n samples per problem,
/// over a JSONL file of scored samples. Thin over <see cref="RerankInput"/> and <see cref="RerankSweep"/>.
/// </summary>
public sealed class RerankCommand : ICliCommand
{
    public Command Build()
    {
        var input = new Option<string>("--input") { Description = "JSONL rows {\"gold\": ..., \"samples\": [{\"text\": ..., \"score\": 0.73, \"answer\": ...}], \"problem\": ...}.", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write {\"n_problems\", \"score_transform\" (only when scores were mapped), \"strategies\": {name: {k: accuracy}}} here (atomically)." };
        var topK = new Option<int>("--top-k-clusters") { Description = "Clusters kept (by size) for the cluster re-ranking strategies.", DefaultValueFactory = _ => ClusterRerank.DefaultTopK };
        var subsets = new Option<int>("--subsets") { Description = "Random subsets averaged per problem when k < n.", DefaultValueFactory = _ => RerankSweepOptions.DefaultSubsets };
        var seed = new Option<ulong>("--seed") { Description = "Root seed of the subset draws.", DefaultValueFactory = _ => 0UL };
        var clusterScore = new Option<string>("--cluster-score") { Description = "How cluster_rerank scores a cluster: mean or max.", DefaultValueFactory = _ => "mean" };
        clusterScore.AcceptOnlyFromAmong("mean", "max");
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Skip malformed rows (counted) instead of stopping at the first." };
        var evaluator = new Option<string?>("--evaluator") { Description = "Evaluator model directory (`sift evaluator train`'s checkpoints/final) to score samples that lack a score; rows then need \"problem\" (or \"question\")." };
        var scoreBatch = new Option<int>("--score-batch") { Description = "Rows per evaluator forward pass.", DefaultValueFactory = _ => 32 };
        var scoreTransform = new Option<string>("--score-transform") { Description = "How the weighted strategies turn scores into weights: auto (sigmoid when any score lies outside [0, 1], else none), none (as given; negative scores make them n/a), sigmoid, or softmax (per problem). best_of_n and cluster_rerank always use raw scores.", DefaultValueFactory = _ => "auto" };
        scoreTransform.AcceptOnlyFromAmong([.. ScoreTransforms.Names]);

        var command = new Command("rerank", "Accuracy of majority vote, best-of-n, cluster re-ranking and weighted voting against k.");
        foreach (var o in new Option[] { input, json, topK, subsets, seed, clusterScore, skipInvalid, evaluator, scoreBatch, scoreTransform }) command.Options.Add(o);
        command.SetAction(parseResult =>
        {
            var k = parseResult.GetValue(topK);
            var s = parseResult.GetValue(subsets);
            if (k < 1 || s < 1)
            {
                Console.Error.WriteLine($"sift rerank: --top-k-clusters and --subsets must be at least 1 (got {k}, {s})");
                return 2;
            }
            var grader = new MathGrader();
            RerankInputResult read;
            try
            {
                read = RerankInput.Read(parseResult.GetValue(input)!, parseResult.GetValue(skipInvalid), grader);
            }
            catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or IOException)
            {
                Console.Error.WriteLine($"sift rerank: {ex.Message}");
                return 1;
            }
            if (read.InvalidRows > 0)
            {
                Console.Error.WriteLine($"sift rerank: skipped {read.InvalidRows} invalid row(s); first: {(read.InvalidMessages.Count > 0 ? read.InvalidMessages[0] : "")}");
            }
            if (read.Problems.Count == 0)
            {
                Console.Error.WriteLine("sift rerank: no valid rows to evaluate");
                return 1;
            }

            var problems = read.Problems;
            var evaluatorDir = parseResult.GetValue(evaluator);
            if (evaluatorDir is not null && SampleScoring.CountMissing(problems) == 0)
            {
                Console.Error.WriteLine("sift rerank: every sample already has a score; --evaluator is not used");
            }
            else if (evaluatorDir is not null)
            {
                try
                {
                    // Batched: every missing score in length-sorted forward passes of the evaluator.
                    using var scorer = ModelEvaluatorScorer.Load(evaluatorDir, parseResult.GetValue(scoreBatch));
                    problems = scorer.FillMissing(problems);
                    Console.Error.WriteLine($"sift rerank: scored {SampleScoring.CountMissing(read.Problems)} sample(s) with the evaluator {evaluatorDir}");
                }
                catch (Exception ex) when (ex is InvalidOperationException or IOException or InvalidDataException or ArgumentException)
                {
                    Console.Error.WriteLine($"sift rerank: --evaluator {evaluatorDir}: {ex.Message}");
                    return 1;
                }
            }

            var strategies = SelectionStrategies.Standard(k, parseResult.GetValue(clusterScore) == "max" ? ClusterScore.Max : ClusterScore.Mean);
            if (!ScoreTransforms.TryParse(parseResult.GetValue(scoreTransform), out var transform))
            {
                Console.Error.WriteLine($"sift rerank: --score-transform must be one of {string.Join(", ", ScoreTransforms.Names)}");
                return 2;
            }
            var report = RerankSweep.Run(problems, strategies, new RerankSweepOptions(s, parseResult.GetValue(seed), ScoreTransform: transform), grader);
            Console.WriteLine($"{report.ProblemCount} problems, n = {report.Ks[^1]} samples (smallest per problem), accuracy % by k:");
            if (report.ScoreTransform is not null)
            {
                Console.WriteLine($"score transform for the weighted strategies: {report.ScoreTransform}; best_of_n and cluster_rerank rank by the raw scores");
            }
            Console.Write(report.ToTable());
            if (SampleScoring.CountMissing(problems) > 0 && report.Unavailable.Count > 0)
            {
                Console.Error.WriteLine($"sift rerank: {string.Join(", ", report.Unavailable.Keys)} need scores for every sample: add \"score\" to each sample or give --evaluator DIR; only the others were computed.");
            }
            else if (report.Unavailable.Count > 0)
            {
                Console.Error.WriteLine($"sift rerank: {string.Join(", ", report.Unavailable.Keys)} not computed: --score-transform none leaves negative scores, which cannot be weights; use sigmoid or softmax.");
            }
            var jsonPath = parseResult.GetValue(json);
            if (jsonPath is not null)
            {
                report.WriteJson(jsonPath);
            }
            return 0;
        });
        return command;
    }
}
