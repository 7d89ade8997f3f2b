using Sift.Data;
using Sift.Rewards;

namespace Sift.Tests.Rewards;

public sealed class InstructionFollowingRewardTests
{
    private static MathProblem Problem(string answer) => new("g", "instruction", answer, answer, "synth-general");

    // (expected answer, response, followed the instruction?) — what a person would accept.
    [Theory]
    [InlineData("CAT, DOG, SUN", "CAT, DOG, SUN", true)]
    [InlineData("CAT, DOG, SUN", "CAT,DOG,SUN", true)]
    [InlineData("CAT, DOG, SUN", "  CAT ,  DOG,SUN.  ", true)]
    [InlineData("CAT, DOG, SUN", "cat, dog, sun", false)]
    [InlineData("CAT, DOG, SUN", "CAT, SUN, DOG", false)]
    [InlineData("CAT, DOG, SUN", "CAT DOG SUN", false)]
    [InlineData("CAT, DOG, SUN", "CAT, DOG", false)]
    [InlineData("9 1 7 3", "9 1 7 3", true)]
    [InlineData("9 1 7 3", "9  1\t7 3\n", true)]
    [InlineData("9 1 7 3", "3 7 1 9", false)]
    [InlineData("9 1 7 3", "9173", false)]
    [InlineData("apple fig pear", "apple fig pear!", true)]
    [InlineData("apple fig pear", "apple pear fig", false)]
    [InlineData("3", "3", true)]
    [InlineData("3", "3.", true)]
    [InlineData("3", " 3 ;", true)]
    [InlineData("3", "33", false)]
    [InlineData("3", "The answer is 3", false)]
    [InlineData("0", "", false)]
    [InlineData("7", "7 8", false)]
    public void Cases(string answer, string response, bool rewarded)
    {
        Assert.Equal(rewarded, new InstructionFollowingReward().Score(Problem(answer), response).Rewarded);
    }

    [Theory]
    [InlineData("  a   b  ", "a b")]
    [InlineData("A , B ,C", "A,B,C")]
    [InlineData("x.!;", "x")]
    [InlineData("3 .", "3")]
    [InlineData("", "")]
    public void Normalize(string text, string expected) => Assert.Equal(expected, InstructionFollowingReward.Normalize(text));
}
