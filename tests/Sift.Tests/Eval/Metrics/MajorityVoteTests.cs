using Sift.Eval;

namespace Sift.Tests.Eval.Metrics;

public sealed class MajorityVoteTests
{
    private static bool Exact(string a, string b) => a == b;

    /// <summary>A stand-in equivalence: numbers equal as decimals ("0.5" ~ "1/2" ~ ".50").</summary>
    private static bool Numeric(string a, string b) => Value(a) == Value(b);

    private static decimal Value(string s)
    {
        var parts = s.Split('/');
        return parts.Length == 2
            ? decimal.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) / decimal.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)
            : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public void Largest_cluster_wins_with_equivalent_answers_pooled()
    {
        var result = MajorityVote.Vote(["3", "0.5", "3", "1/2", ".50"], Numeric);
        Assert.Equal(("0.5", 1, 3, 2), (result.Answer, result.Index, result.Votes, result.Clusters));
        Assert.Equal("3", MajorityVote.Vote(["3", "0.5", "3", "1/2", ".50"], Exact).Answer); // without equivalence "3" has most
    }

    [Fact]
    public void Ties_go_to_the_answer_that_appeared_first()
    {
        Assert.Equal("7", MajorityVote.Vote(["7", "9", "9", "7"], Exact).Answer);
        Assert.Equal("9", MajorityVote.Vote(["9", "7", "7", "9"], Exact).Answer);
        Assert.Equal(0, MajorityVote.Vote(["9", "7", "7", "9"], Exact).Index);
    }

    [Fact]
    public void Missing_answers_do_not_vote_and_k_limits_the_samples()
    {
        var answers = new string?[] { null, "", "4", "5", "5", "5" };
        Assert.Equal(("4", 2), (MajorityVote.Vote(answers, 4, Exact).Answer, MajorityVote.Vote(answers, 4, Exact).Index));
        Assert.Equal("5", MajorityVote.Vote(answers, Exact).Answer);
        Assert.Null(MajorityVote.Vote(answers, 2, Exact).Answer);
        Assert.Equal(0, MajorityVote.Vote(answers, 2, Exact).Clusters);
        Assert.Throws<ArgumentOutOfRangeException>(() => MajorityVote.Vote(answers, 7, Exact));
    }
}
