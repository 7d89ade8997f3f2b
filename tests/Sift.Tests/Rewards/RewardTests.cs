using Sift.Data;
using Sift.Rewards;

namespace Sift.Tests.Rewards;

public sealed class RewardTests
{
    private static readonly MathProblem Problem = new("p1", "Tom has 3 bags of 6 apples. How many apples?", "3*6=18 #### 18", "18", "test");

    [Fact]
    public void Math_reward_accepts_an_equivalent_answer_and_rejects_others_with_the_verdict()
    {
        var reward = new MathAnswerReward();
        Assert.Equal(RewardResult.Accept("equivalent"), reward.Score(Problem, "He has 3*6=18 apples.\n#### 18"));
        Assert.Equal(RewardResult.Accept("equivalent"), reward.Score(Problem, "#### 18.0"));
        Assert.Equal(RewardResult.Reject("not_equivalent"), reward.Score(Problem, "#### 17"));
        Assert.False(reward.Score(Problem, "").Rewarded);
        Assert.Equal("math_answer", reward.Name);
    }

    [Fact]
    public void Annotation_check_is_optional_and_rejects_a_wrong_calculator_annotation()
    {
        const string wrongAnnotation = "3*6=<<3*6=19>>18 apples.\n#### 18";
        Assert.True(new MathAnswerReward().Score(Problem, wrongAnnotation).Rewarded);
        var strict = new MathAnswerReward(requireCorrectAnnotations: true);
        Assert.Equal(RewardResult.Reject("bad_annotation"), strict.Score(Problem, wrongAnnotation));
        Assert.True(strict.Score(Problem, "3*6=<<3*6=18>>18 apples.\n#### 18").Rewarded);
    }
}
