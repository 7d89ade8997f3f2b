using Sift.Eval.Selection;
using Picked = Sift.Eval.Selection.SelectionResult;
using static Sift.Tests.Eval.Selection.SelectionTestData;

namespace Sift.Tests.Eval.Selection;

public sealed class SelectionStrategyTests
{
    private static readonly MajorityVoteSelection Majority = new();

    [Fact]
    public void Equivalent_spellings_share_a_cluster()
    {
        var p = Answers("1/2", "3", "0.5", "\\frac{1}{2}", "3", "1/2");
        Assert.Equal([3, 2], p.Clusters.Select(c => c.Size).OrderDescending());
        Assert.Equal(new Picked("0.5", 1), Majority.Select(p));
        // Without the grader's equivalence "3" would win 2 to 1.
        var literal = new ProblemSamples("1/2", p.Samples, null, new LiteralEquivalence());
        Assert.Equal(new Picked("3", 0), Majority.Select(literal));
    }

    [Fact]
    public void Majority_ties_go_to_the_earliest_first_occurrence()
    {
        Assert.Equal(new Picked("7", 0), Majority.Select(Answers("7", "7", "9", "9", "7")));
        Assert.Equal(new Picked("9", 1), Majority.Select(Answers("7", null, "9", "7", "7", "9")));
    }

    [Fact]
    public void Missing_or_unusable_answers_never_win_unless_nothing_else_exists()
    {
        Assert.Equal(new Picked("4", 3), Majority.Select(Answers("4", null, "", "  ", "4")));
        var p = new ProblemSamples("4", Answers("4", "??", "??", "??", "5").Samples, null, new LiteralEquivalence());
        Assert.Equal(new Picked("5", 3), Majority.Select(p));
        Assert.Equal([0, 1, 2], p.Unanswered);
        Assert.Equal(new Picked(null, 0), Majority.Select(Answers("4", null, null)));
        Assert.Equal(Picked.Empty, Majority.Select(Answers("4")));
        // Score-based: the index of the best-scored sample, but still no answer.
        Assert.Equal(new Picked(null, 1), new BestOfN().Select(Problem("4", (null, 0.1), (null, 0.8))));
        Assert.Equal(new Picked(null, 1), new WeightedVote().Select(Problem("4", (null, 0.1), (null, 0.8))));
    }

    [Fact]
    public void Best_of_n_takes_the_top_score_among_answered_samples_earliest_on_ties()
    {
        var p = Problem("2", ("1", 0.3), (null, 0.99), ("2", 0.8), ("0.5", 0.8), ("2", 0.1));
        Assert.Equal(new Picked("2", 2), new BestOfN().Select(p));
        Assert.Equal(new Picked("0.5", 1), new BestOfN().Select(Problem("2", ("1", 0.3), ("0.5", 0.8))));
    }

    /// <summary>Cluster sizes 3, 2, 2, 1 with mean scores .2, .5, .4, .99 (and max .9 in the largest).</summary>
    private static ProblemSamples Shortlisted() => Problem("10",
        ("1", 0.2), ("2", 0.5), ("1", 0.2), ("3", 0.4), ("2", 0.5), ("3", 0.4), ("4", 0.99), ("1", 0.2));

    [Fact]
    public void Cluster_rerank_keeps_the_top_k_clusters_by_size_then_picks_by_mean_or_max_score()
    {
        var p = Shortlisted();
        Assert.Equal(new Picked("2", 1), new ClusterRerank().Select(p));          // "4" (0.99) is outside the top 3
        Assert.Equal(new Picked("4", 6), new ClusterRerank(topK: 4).Select(p));
        Assert.Equal(new Picked("1", 0), new ClusterRerank(topK: 1).Select(p));   // K = 1 is majority voting

        var q = Problem("10", ("1", 0.2), ("2", 0.5), ("1", 0.2), ("1", 0.9), ("2", 0.5));
        Assert.Equal("2", new ClusterRerank(3, ClusterScore.Mean).Select(q).Answer); // means .433 vs .5
        Assert.Equal(new Picked("1", 3), new ClusterRerank(3, ClusterScore.Max).Select(q)); // best member's index
    }

    [Fact]
    public void Top_k_shortlist_breaks_size_ties_by_first_occurrence()
    {
        // Sizes: "a" 1, "b" 2, "c" 2, "d" 2; K = 2 keeps "b" and "c", so the high-scored "d" is out.
        var p = Problem("x", ("a", 0.9), ("b", 0.3), ("c", 0.6), ("b", 0.3), ("c", 0.6), ("d", 0.95), ("d", 0.95));
        Assert.Equal("c", new ClusterRerank(topK: 2).Select(p).Answer);
        Assert.Equal("c", new WeightedClusterRerank(topK: 2).Select(p).Answer);
        Assert.Equal("d", new WeightedVote().Select(p).Answer);
    }

    [Fact]
    public void Weighted_vote_sums_scores_and_the_weighted_rerank_restricts_it_to_the_top_k()
    {
        // Sums: "1" 0.3 (size 3), "2" 0.4 (size 2), "3" 0.3 (size 2), "4" 0.95 (size 1).
        var p = Problem("2", ("1", 0.1), ("2", 0.2), ("1", 0.1), ("3", 0.15), ("2", 0.2), ("3", 0.15), ("4", 0.95), ("1", 0.1));
        Assert.Equal(new Picked("4", 6), new WeightedVote().Select(p));
        Assert.Equal(new Picked("2", 1), new WeightedClusterRerank().Select(p));
        Assert.Equal(new Picked("2", 1), new ClusterRerank().Select(p));
        Assert.Equal("1", Majority.Select(p).Answer);
    }

    [Fact]
    public void Score_ties_go_to_the_larger_cluster_then_the_earlier_one()
    {
        // "9" comes first with 0.5; "8" sums to 0.25 + 0.25 = 0.5 over two samples: the larger wins.
        var p = Problem("8", ("9", 0.5), ("8", 0.25), ("8", 0.25));
        Assert.Equal(new Picked("8", 1), new WeightedVote().Select(p));
        // Equal sums and sizes: the earlier cluster.
        Assert.Equal(new Picked("9", 0), new WeightedVote().Select(Problem("8", ("9", 0.5), ("8", 0.5))));
        Assert.Equal(new Picked("9", 0), new ClusterRerank().Select(Problem("8", ("9", 0.5), ("8", 0.5))));
    }

    [Fact]
    public void Score_based_strategies_refuse_unscored_samples_by_name()
    {
        var p = Problem("1", ("1", 0.5), ("2", null));
        foreach (var s in SelectionStrategies.Standard().Where(s => s.NeedsScores))
        {
            var ex = Assert.Throws<InvalidOperationException>(() => s.Select(p));
            Assert.Contains(s.Name, ex.Message);
            Assert.Contains("sample 1", ex.Message);
        }
        Assert.Equal("1", Majority.Select(p).Answer);
        Assert.Equal(["majority", "best_of_n", "cluster_rerank", "weighted_vote", "weighted_cluster_rerank"], SelectionStrategies.Standard().Select(s => s.Name));
    }

    [Fact]
    public void Subsets_share_the_comparison_cache()
    {
        var equivalence = new CountingEquivalence();
        var p = new ProblemSamples("1", Answers("1", "1", "2", "3", "2", "1", "3").Samples, null, equivalence);
        _ = p.Clusters;
        var first = equivalence.Calls;
        Assert.True(first > 0);
        foreach (var subset in RerankSweep.AllSubsets(6, 3))
        {
            _ = Majority.Select(p.Subset(subset));
        }
        // Subsets can put pairs in an order the full set never compared, but each ordered pair at most once.
        Assert.True(equivalence.Calls <= 3 * 2, $"{equivalence.Calls} comparisons");
        Assert.Equal(equivalence.Calls, p.Cache.Comparisons);
    }

    [Fact]
    public void Grader_equivalence_rejects_answers_that_normalise_to_nothing()
    {
        var grader = new GraderAnswerEquivalence();
        Assert.True(grader.IsUsable("\\frac{1}{2}"));
        Assert.True(grader.IsUsable("Monday"));
        Assert.False(grader.IsUsable("   "));
        Assert.False(grader.IsUsable("$ $"));
        Assert.True(grader.AreEquivalent("0.5", "\\frac{1}{2}"));
        Assert.False(grader.AreEquivalent("0.5", "5"));
        Assert.Equal(new Picked("7", 1), Majority.Select(Answers("7", "$ $", "7", "$ $", "$ $")));
    }

    private sealed class LiteralEquivalence : IAnswerEquivalence
    {
        public bool IsUsable(string answer) => answer != "??";

        public bool AreEquivalent(string representative, string candidate) => representative == candidate;
    }

    private sealed class CountingEquivalence : IAnswerEquivalence
    {
        public int Calls { get; private set; }

        public bool IsUsable(string answer) => true;

        public bool AreEquivalent(string representative, string candidate)
        {
            Calls++;
            return representative == candidate;
        }
    }
}
