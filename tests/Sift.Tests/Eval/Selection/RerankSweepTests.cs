using System.Text.Json.Nodes;
using Sift.Eval.Selection;
using static Sift.Tests.Eval.Selection.SelectionTestData;
using Sift.Methods.Evaluator;

namespace Sift.Tests.Eval.Selection;

public sealed class RerankSweepTests
{
    /// <summary>Three problems of five scored samples with mixed right, wrong, equivalent and missing answers.</summary>
    private static List<ProblemSamples> Tiny() =>
    [
        Problem("1/2", ("0.5", 0.3), ("3", 0.9), ("\\frac{1}{2}", 0.6), ("3", 0.2), (null, 0.99)),
        Problem("#### 7", ("8", 0.7), ("7", 0.8), ("8", 0.1), ("7", 0.75), ("9", 0.2)),
        Problem("5", ("4", 0.5), ("6", 0.4), ("4", 0.3), ("6", 0.9), ("6", 0.1)), // all wrong
    ];

    [Fact]
    public void Default_ks_are_powers_of_two_then_n()
    {
        Assert.Equal([1, 2, 4, 5], RerankSweep.DefaultKs(5));
        Assert.Equal([1, 2, 4], RerankSweep.DefaultKs(4));
        Assert.Equal([1], RerankSweep.DefaultKs(1));
        Assert.Equal([1, 2, 4, 8, 16, 32, 48], RerankSweep.DefaultKs(48));
    }

    [Fact]
    public void Exact_averaging_matches_brute_force_enumeration_over_bitmasks()
    {
        var problems = Tiny();
        var strategies = SelectionStrategies.Standard();
        // 10 = C(5, 2) = C(5, 3): every subset is enumerated, so the sweep must equal brute force exactly.
        var report = RerankSweep.Run(problems, strategies, new RerankSweepOptions(Subsets: 10));
        Assert.Equal([1, 2, 4, 5], report.Ks);
        var grader = new Sift.Grading.MathGrader();
        foreach (var strategy in strategies)
        {
            foreach (var k in report.Ks)
            {
                var sum = 0.0;
                foreach (var p in problems)
                {
                    int hits = 0, total = 0;
                    for (var mask = 0; mask < 1 << p.Count; mask++)
                    {
                        if (System.Numerics.BitOperations.PopCount((uint)mask) != k)
                        {
                            continue;
                        }
                        var picked = Enumerable.Range(0, p.Count).Where(i => (mask >> i & 1) == 1).Select(i => p.Samples[i]).ToArray();
                        var answer = strategy.Select(new ProblemSamples(p.Gold, picked)).Answer;
                        total++;
                        if (answer is not null && grader.Grade(p.Gold, answer).IsEquivalent)
                        {
                            hits++;
                        }
                    }
                    sum += (double)hits / total;
                }
                Assert.Equal(sum / problems.Count, report.AccuracyAt(strategy.Name, k), 12);
            }
        }
        // Spot values worked by hand at k = 5: majority wins problem 1 (a 2-2 tie, "0.5" first) and loses
        // problem 2 (a 2-2 tie, "8" first); the score-based ones do the opposite.
        Assert.Equal(1.0 / 3, report.AccuracyAt("majority", 5), 12);
        Assert.Equal(1.0 / 3, report.AccuracyAt("weighted_vote", 5), 12);
        Assert.Equal(1.0 / 3, report.AccuracyAt("cluster_rerank", 5), 12);
        Assert.Equal(1.0 / 3, report.AccuracyAt("best_of_n", 5), 12); // top score "3" (0.9) in problem 1, "7" (0.8) in 2
    }

    [Fact]
    public void Random_subsets_are_seeded_per_problem_and_k_and_approach_the_exact_average()
    {
        var problems = Tiny();
        var strategies = SelectionStrategies.Standard();
        var a = RerankSweep.Run(problems, strategies, new RerankSweepOptions(Subsets: 4, Seed: 7));
        var b = RerankSweep.Run(problems, strategies.Reverse().ToList(), new RerankSweepOptions(Subsets: 4, Seed: 7, Ks: [4, 2, 1]));
        foreach (var s in strategies)
        {
            foreach (var k in new[] { 1, 2, 4 })
            {
                Assert.Equal(a.AccuracyAt(s.Name, k), b.AccuracyAt(s.Name, k)); // order of strategies and ks is irrelevant
            }
        }
        Assert.Equal(RerankSweep.Subsets(5, 2, 4, 7, 1), RerankSweep.Subsets(5, 2, 4, 7, 1));
        Assert.NotEqual(RerankSweep.Subsets(9, 3, 8, 7, 1), RerankSweep.Subsets(9, 3, 8, 8, 1));
        foreach (var subset in RerankSweep.Subsets(9, 4, 50, 3, 0))
        {
            Assert.Equal(4, subset.Distinct().Count());
            Assert.Equal(subset.Order(), subset);
            Assert.All(subset, i => Assert.InRange(i, 0, 8));
        }

        var exact = RerankSweep.Run(problems, strategies, new RerankSweepOptions(Subsets: 10));
        var sampled = RerankSweep.Run(problems, strategies, new RerankSweepOptions(Subsets: 9, Seed: 1)); // C(5,2) = 10 > 9: random
        var many = RerankSweep.Run(problems, strategies, new RerankSweepOptions(Subsets: 9, Seed: 1, Ks: [2]));
        Assert.Equal(sampled.AccuracyAt("majority", 2), many.AccuracyAt("majority", 2));
        foreach (var s in strategies)
        {
            Assert.InRange(sampled.AccuracyAt(s.Name, 2), exact.AccuracyAt(s.Name, 2) - 0.25, exact.AccuracyAt(s.Name, 2) + 0.25);
        }
        Assert.Equal(RerankSweep.AllSubsets(5, 2), RerankSweep.Subsets(5, 2, 10, 11, 0)); // C(5, 2) = 10 ≤ 10: enumerated
        // 9 < 10 subsets: random; over 2000 problems' streams each of the 10 pairs comes up ~1800 times.
        var draws = Enumerable.Range(0, 2000).SelectMany(p => RerankSweep.Subsets(5, 2, 9, 11, p));
        var counts = draws.GroupBy(x => string.Join(",", x)).Select(g => g.Count()).ToList();
        Assert.Equal(10, counts.Count);
        Assert.All(counts, c => Assert.InRange(c, 1600, 2000));
    }

    [Fact]
    public void All_wrong_sets_score_zero_and_unscored_samples_leave_only_majority()
    {
        var wrong = new List<ProblemSamples> { Tiny()[2] };
        var report = RerankSweep.Run(wrong, SelectionStrategies.Standard());
        Assert.All(report.Strategies, s => Assert.All(s.Accuracy, a => Assert.Equal(0, a)));

        var unscored = new List<ProblemSamples> { Answers("2", "2", "2", "3"), Answers("5", "4", "5", "5", null) };
        var partial = RerankSweep.Run(unscored, SelectionStrategies.Standard());
        Assert.Equal(["majority"], partial.Strategies.Select(s => s.Name));
        Assert.Equal(4, partial.Unavailable.Count);
        Assert.Contains("needs a score", partial.Unavailable["best_of_n"]);
        Assert.Equal([1, 2, 3], partial.Ks); // n = the smallest sample count
        Assert.Equal(0.75, partial.AccuracyAt("majority", 3), 12); // 1 and 2 of 4 subsets (4-5 ties go to "4")
    }

    [Fact]
    public void Json_has_exactly_the_documented_shape()
    {
        var report = RerankSweep.Run(Tiny(), SelectionStrategies.Standard());
        var json = JsonNode.Parse(report.ToJson())!.AsObject();
        Assert.Equal(["n_problems", "strategies"], json.Select(p => p.Key));
        Assert.Equal(3, json["n_problems"]!.GetValue<int>());
        var strategies = json["strategies"]!.AsObject();
        Assert.Equal(["majority", "best_of_n", "cluster_rerank", "weighted_vote", "weighted_cluster_rerank"], strategies.Select(p => p.Key));
        foreach (var (name, byK) in strategies)
        {
            Assert.Equal(["1", "2", "4", "5"], byK!.AsObject().Select(p => p.Key));
            foreach (var (k, acc) in byK.AsObject())
            {
                Assert.Equal(report.AccuracyAt(name, int.Parse(k, System.Globalization.CultureInfo.InvariantCulture)), acc!.GetValue<double>());
            }
        }
    }

    [Fact]
    public void Json_for_the_demo_puts_the_k_list_first()
    {
        var json = RerankSweep.Run(Tiny(), SelectionStrategies.Standard()).ToJsonObject(includeKs: true);
        Assert.Equal(["k", "n_problems", "strategies"], json.Select(p => p.Key));
        Assert.Equal([1, 2, 4, 5], json["k"]!.AsArray().Select(k => k!.GetValue<int>()));
        var grader = new Sift.Grading.MathGrader();
        Assert.Equal("\\frac{1}{2}", ScoredSample.FromText("so \\boxed{\\frac{1}{2}}", 0.5, grader).Answer);
        Assert.Null(ScoredSample.FromText("I really have no idea what to do here.", null, grader).Answer);
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoredSample.FromText("#### 1", double.NaN, grader));
        Assert.Equal(3.55, ScoredSample.FromText("#### 1", 3.55, grader).Score); // reward models score without bounds
    }

    [Fact]
    public void Scorer_fills_only_missing_scores_and_needs_the_problem_text()
    {
        var samples = new[] { new ScoredSample("a: 4", "4", 0.5), new ScoredSample("b: 5", "5", null) };
        var withText = new ProblemSamples("5", samples, "What is 2+3?");
        var filled = SampleScoring.FillMissing([withText], new LengthScorer());
        Assert.Equal([0.5, 0.4], filled[0].Samples.Select(s => s.Score!.Value));
        Assert.Equal(0, SampleScoring.CountMissing(filled));
        var without = new ProblemSamples("5", samples);
        Assert.Throws<InvalidOperationException>(() => SampleScoring.FillMissing([without], new LengthScorer()));

        // The model-backed scorer: prompt → label logits → S = σ(l_c − l_i).
        string? seen = null;
        var scorer = new EvaluatorPromptScorer(prompt => { seen = prompt; return (2.0, 2.0); });
        Assert.Equal(0.5, scorer.Score("P", "X"), 15);
        Assert.Equal("Here is a math problem: P. Here is a candidate solution: X. The above candidate solution is", seen);
    }

    private sealed class LengthScorer : IScorer
    {
        public double Score(string problem, string solution) => solution.Length / 10.0;
    }
}
