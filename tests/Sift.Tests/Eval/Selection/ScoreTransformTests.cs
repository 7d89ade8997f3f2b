using System.Text.Json.Nodes;
using Sift.Eval.Selection;
using Sift.Tests.Data;
using static Sift.Tests.Eval.Selection.SelectionTestData;

namespace Sift.Tests.Eval.Selection;

/// <summary>Reward-model (unbounded) scores in `sift rerank`: read as given, ranked raw, mapped to weights for the weighted strategies.</summary>
[Collection("Console")]
public sealed class ScoreTransformTests
{
    // Problem 1: the lone "7" (3.55) beats two "8"s (−1.2, −0.9) for every score-based strategy; majority picks "8".
    // Problem 2: raw sums would favour "1" (−0.1 > −0.4), but as weights σ gives "2" 0.90 against 0.48: only the
    // weighted strategies get it right, and only after the transform.
    private const string Unbounded =
        """{"gold": "7", "samples": [{"text": "a", "answer": "7", "score": 3.55}, {"text": "b", "answer": "8", "score": -1.2}, {"text": "c", "answer": "8", "score": -0.9}]}""" + "\n" +
        """{"gold": "2", "samples": [{"text": "a", "answer": "1", "score": -0.1}, {"text": "b", "answer": "2", "score": -0.2}, {"text": "c", "answer": "2", "score": -0.2}]}""" + "\n";

    private static readonly string[] AllFive = ["majority", "best_of_n", "cluster_rerank", "weighted_vote", "weighted_cluster_rerank"];

    private static (int Code, string Stdout) Run(params string[] args)
    {
        var original = Console.Out;
        var sw = new StringWriter();
        try
        {
            Console.SetOut(sw);
            return (Sift.Cli.CommandCatalog.BuildRoot().Parse(["rerank", .. args]).Invoke(), sw.ToString());
        }
        finally
        {
            Console.SetOut(original);
        }
    }

    [Fact]
    public void Unbounded_scores_are_read_and_every_strategy_runs_through_the_library()
    {
        using var dir = new TempDirectory();
        var read = RerankInput.Read(dir.File("rm.jsonl", Unbounded));
        Assert.Equal([3.55, -1.2, -0.9], read.Problems[0].Samples.Select(s => s.Score!.Value));

        var report = RerankSweep.Run(read.Problems, SelectionStrategies.Standard());
        Assert.Equal(AllFive, report.Strategies.Select(s => s.Name));
        Assert.Empty(report.Unavailable);
        Assert.Equal("sigmoid (scores outside [0,1])", report.ScoreTransform);
        Assert.Equal(0.5, report.AccuracyAt("majority", 3));
        Assert.Equal(0.5, report.AccuracyAt("best_of_n", 3));
        Assert.Equal(0.5, report.AccuracyAt("cluster_rerank", 3));
        Assert.Equal(1.0, report.AccuracyAt("weighted_vote", 3));
        Assert.Equal(1.0, report.AccuracyAt("weighted_cluster_rerank", 3));
        var json = report.ToJsonObject();
        Assert.Equal(["n_problems", "score_transform", "strategies"], json.Select(p => p.Key));
        Assert.Equal("sigmoid (scores outside [0,1])", json["score_transform"]!.GetValue<string>());

        var softmax = RerankSweep.Run(read.Problems, SelectionStrategies.Standard(), new RerankSweepOptions(ScoreTransform: ScoreTransform.Softmax));
        Assert.Equal("softmax (per problem)", softmax.ScoreTransform);
        Assert.Equal(1.0, softmax.AccuracyAt("weighted_vote", 3));
        Assert.Equal(report.Strategies.Single(s => s.Name == "best_of_n").Accuracy, softmax.Strategies.Single(s => s.Name == "best_of_n").Accuracy);
    }

    [Fact]
    public void Unbounded_scores_print_all_five_strategies_and_the_transform_through_the_cli()
    {
        using var dir = new TempDirectory();
        var input = dir.File("rm.jsonl", Unbounded);
        var output = Path.Combine(dir.Path, "out.json");
        var (code, stdout) = Run("--input", input, "--json", output);
        Assert.Equal(0, code);
        foreach (var name in AllFive)
        {
            Assert.Matches($"(?m)^{name} +[0-9]", stdout); // a row of numbers, not "n/a"
        }
        Assert.Contains("score transform for the weighted strategies: sigmoid (scores outside [0,1])", stdout);
        var json = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        Assert.Equal("sigmoid (scores outside [0,1])", json["score_transform"]!.GetValue<string>());
        Assert.Equal(AllFive, json["strategies"]!.AsObject().Select(p => p.Key));
        Assert.Equal(1.0, json["strategies"]!["weighted_vote"]!["3"]!.GetValue<double>());

        (code, stdout) = Run("--input", input, "--json", output, "--score-transform", "softmax");
        Assert.Equal(0, code);
        Assert.Contains("softmax (per problem)", stdout);
        Assert.Equal("softmax (per problem)", JsonNode.Parse(File.ReadAllText(output))!["score_transform"]!.GetValue<string>());

        // none: negative weights would vote against their answer, so the weighted strategies are reported n/a.
        (code, stdout) = Run("--input", input, "--json", output, "--score-transform", "none");
        Assert.Equal(0, code);
        Assert.Matches("(?m)^weighted_vote +n/a: adds scores as weights, which must be non-negative", stdout);
        json = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        Assert.Equal(["majority", "best_of_n", "cluster_rerank"], json["strategies"]!.AsObject().Select(p => p.Key));
        Assert.False(json.ContainsKey("score_transform"));

        Assert.NotEqual(0, Run("--input", input, "--score-transform", "tanh").Code);
    }

    [Fact]
    public void Non_finite_scores_stay_errors_naming_file_line_and_field()
    {
        using var dir = new TempDirectory();
        var huge = dir.File("huge.jsonl", Unbounded + """{"gold": "1", "samples": [{"text": "a", "score": 1e999}]}""" + "\n");
        Assert.Equal($"{huge}:3: field \"samples[0].score\": must be a finite number, got 1e999", Assert.Throws<InvalidDataException>(() => RerankInput.Read(huge)).Message);
        var nan = dir.File("nan.jsonl", """{"gold": "1", "samples": [{"text": "a", "score": NaN}]}""" + "\n");
        Assert.StartsWith($"{nan}:1: invalid JSON", Assert.Throws<InvalidDataException>(() => RerankInput.Read(nan)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScoredSample("x", "1", null).WithScore(double.PositiveInfinity));
        Assert.Equal(-1.2, new ScoredSample("x", "1", null).WithScore(-1.2).Score);
    }

    [Fact]
    public void Sigmoid_keeps_every_problems_order_so_best_of_n_picks_the_same_sample()
    {
        var rng = new Random(11);
        for (var t = 0; t < 200; t++)
        {
            var samples = Enumerable.Range(0, 8).Select(_ => ((string?)rng.Next(4).ToString(System.Globalization.CultureInfo.InvariantCulture), (double?)Math.Round(rng.NextDouble() * 20 - 10, 1))).ToArray();
            var raw = Problem("1", samples);
            var mapped = ScoreTransforms.Apply(raw, ScoreTransform.Sigmoid);
            Assert.All(mapped.Samples, s => Assert.InRange(s.Score!.Value, 0, 1));
            var order = Enumerable.Range(0, 8).OrderBy(i => raw.Samples[i].Score).ThenBy(i => i).ToArray();
            Assert.Equal(order, Enumerable.Range(0, 8).OrderBy(i => mapped.Samples[i].Score).ThenBy(i => i).ToArray());
            Assert.Equal(new BestOfN().Select(raw), new BestOfN().Select(mapped));
            Assert.Equal(new ClusterRerank(score: ClusterScore.Max).Select(raw), new ClusterRerank(score: ClusterScore.Max).Select(mapped));
        }
        Assert.Equal(1.0, ScoreTransforms.Sigmoid(800));
        Assert.Equal(0.0, ScoreTransforms.Sigmoid(-800));
        Assert.Equal(0.5, ScoreTransforms.Sigmoid(0));
    }

    [Fact]
    public void Softmax_weights_of_each_problem_sum_to_one_even_for_large_scores()
    {
        var problems = new[]
        {
            Problem("1", ("1", 3.55), ("2", -1.2), ("1", 0.4), ("3", 7.0)),
            Problem("1", ("1", 1000.0), ("2", 999.0)),
            Problem("1", ("1", -5.0)),
        };
        foreach (var p in problems)
        {
            var mapped = ScoreTransforms.Apply(p, ScoreTransform.Softmax);
            Assert.Equal(1.0, mapped.Samples.Sum(s => s.Score!.Value), 12);
            Assert.All(mapped.Samples, s => Assert.True(s.Score > 0));
        }
        var two = ScoreTransforms.Apply(problems[1], ScoreTransform.Softmax).Samples;
        Assert.Equal(1 / (1 + Math.Exp(-1)), two[0].Score!.Value, 12);
        // A sample without a score is left alone (the weighted strategies cannot run on that problem anyway).
        var partial = Problem("1", ("1", 2.0), ("2", null));
        Assert.Same(partial, ScoreTransforms.Apply(partial, ScoreTransform.Softmax));
    }

    [Fact]
    public void Scores_in_the_unit_interval_get_no_transform_and_the_same_numbers_and_json()
    {
        List<ProblemSamples> problems =
        [
            Problem("1/2", ("0.5", 0.3), ("3", 0.9), ("\\frac{1}{2}", 0.6), ("3", 0.2), (null, 1.0)),
            Problem("#### 7", ("8", 0.7), ("7", 0.8), ("8", 0.0), ("7", 0.75), ("9", 0.2)),
        ];
        Assert.Equal(ScoreTransform.None, ScoreTransforms.Resolve(ScoreTransform.Auto, problems));
        var auto = RerankSweep.Run(problems, SelectionStrategies.Standard(), new RerankSweepOptions(Subsets: 4, Seed: 5));
        var none = RerankSweep.Run(problems, SelectionStrategies.Standard(), new RerankSweepOptions(Subsets: 4, Seed: 5, ScoreTransform: ScoreTransform.None));
        Assert.Null(auto.ScoreTransform);
        Assert.Equal(none.ToJson(), auto.ToJson());
        Assert.Equal(["n_problems", "strategies"], auto.ToJsonObject().Select(p => p.Key));
        // Asked for explicitly, a transform applies to [0, 1] scores too and is reported.
        Assert.Equal("sigmoid", RerankSweep.Run(problems, SelectionStrategies.Standard(), new RerankSweepOptions(ScoreTransform: ScoreTransform.Sigmoid)).ScoreTransform);
    }
}
