using System.Text;
using Sift.Model.Sampling;

namespace Sift.Tests.Model.Sampling;

public sealed class StopStringMatcherTests
{
    [Fact]
    public void Finds_a_stop_string_split_across_tokens()
    {
        var m = new StopStringMatcher(["\n\nQuestion:", "</s>"]);
        string[] tokens = ["The answer", " is 4", ".\n", "\nQue", "stion:", " next"];
        var text = new StringBuilder();
        int found = -1, at = -1;
        for (int t = 0; t < tokens.Length && found < 0; t++)
        {
            int before = text.Length;
            text.Append(tokens[t]);
            found = m.FindNew(text.ToString(), before);
            at = t;
        }
        Assert.Equal(4, at); // completed by the 5th token
        Assert.Equal("The answer is 4.", text.ToString()[..found]);
    }

    [Fact]
    public void Earliest_match_wins_and_nothing_is_found_without_a_stop()
    {
        var m = new StopStringMatcher(["bc", "abcd"]);
        Assert.Equal(1, m.FindNew("xabcd", 0));
        Assert.Equal(-1, m.FindNew("xab", 0));
        Assert.Equal(-1, new StopStringMatcher([]).FindNew("anything", 0));
        Assert.Throws<ArgumentException>(() => new StopStringMatcher([""]));
    }

    [Fact]
    public void Only_the_tail_that_the_new_token_can_complete_is_searched()
    {
        var m = new StopStringMatcher(["END"]);
        // "EN" + "D": the match starts before previousLength but ends after it
        Assert.Equal(3, m.FindNew("abcEND", 5));
        // a match entirely inside old text is not reported again from far behind
        Assert.Equal(-1, m.FindNew("END" + new string('x', 20), 20));
    }

    [Fact]
    public void Safe_prefix_holds_back_a_possible_partial_stop()
    {
        var m = new StopStringMatcher(["\n\nQ:", "###"]);
        Assert.Equal(5, m.SafePrefixLength("hello\n\n"));
        Assert.Equal(5, m.SafePrefixLength("hello##"));
        Assert.Equal(5, m.SafePrefixLength("hello"));
        Assert.Equal(6, m.SafePrefixLength("hello\n"[..5] + "x"));
    }
}
