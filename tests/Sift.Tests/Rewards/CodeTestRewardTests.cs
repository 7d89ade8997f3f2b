using Sift.Data;
using Sift.Eval;
using Sift.Methods.RestEm;
using Sift.Rewards;
using Sift.Sandbox;
using static Sift.Tests.Sandbox.SandboxFixture;
using Sift.Data.Code;
using Sift.Inference;

namespace Sift.Tests.Rewards;

public sealed class CodeTestRewardTests
{
    private static readonly MathProblem Problem = new("p1", "Write a function f(x) that returns x times 3 plus 2.", "def f(x):\n    return x * 3 + 2",
        new PythonTestSuite("f", [PythonTestCase.Of(5, 1), PythonTestCase.Of(2, 0), PythonTestCase.Of(-1, -1)]).ToJson(), "synth-code");

    private static readonly CodeTestReward Reward = new(Runner);

    [Theory]
    [InlineData("def f(x):\n    return x", "def f(x):\n    return x")]
    [InlineData("Here:\n```python\ndef f(x):\n    return 1\n```\nDone.", "def f(x):\n    return 1\n")]
    [InlineData("```\nplain\n```\n```py\npicked\n```", "picked\n")]
    [InlineData("```\nplain\n```\ntext", "plain\n")]
    [InlineData("```python\ncut off", "cut off")]
    public void Extracts_the_python_block_or_the_whole_response(string response, string expected)
        => Assert.Equal(expected, CodeExtraction.Extract(response));

    [SkippableFact]
    public void Rewards_only_samples_that_pass_every_test_and_names_the_outcome()
    {
        RequireSandbox();
        Assert.Equal(RewardResult.Accept("passed"), Reward.Score(Problem, "def f(x):\n    return x * 3 + 2"));
        Assert.Equal(RewardResult.Accept("passed"), Reward.Score(Problem, "```python\ndef f(x):\n    return 3 * x + 2\n```"));
        Assert.Equal(RewardResult.Reject("failed"), Reward.Score(Problem, "def f(x):\n    return x * 3"));
        Assert.Equal(RewardResult.Reject("failed"), Reward.Score(Problem, "def f(x):\n    return x * 3 +"));
        Assert.Equal(RewardResult.Reject("timed_out"), Reward.Score(Problem, "def f(x):\n    while True:\n        pass"));
        Assert.Equal(RewardResult.Reject("no_code"), Reward.Score(Problem, "  \n"));
        var detail = Reward.Run(Problem, "def f(x):\n    return 5");
        Assert.NotNull(detail);
        Assert.Equal([true, false, false], detail.Tests.Select(t => t.Passed));
    }

    [SkippableFact]
    public void Remembers_deterministic_verdicts_but_not_time_outs()
    {
        RequireSandbox();
        var reward = new CodeTestReward(Runner);
        var first = reward.Run(Problem, "def f(x):\n    return x * 3 + 2");
        Assert.Same(first, reward.Run(Problem, "def f(x):\n    return x * 3 + 2"));
        var other = Problem with { Answer = new PythonTestSuite("f", [PythonTestCase.Of(6, 1)]).ToJson() };
        Assert.False(reward.Run(other, "def f(x):\n    return x * 3 + 2")!.Passed);
        const string loop = "def f(x):\n    while True:\n        pass";
        Assert.NotSame(reward.Run(Problem, loop), reward.Run(Problem, loop));
    }

    [Fact]
    public void A_problem_without_code_tests_is_an_error_naming_the_problem()
    {
        var bad = Problem with { Id = "broken-7", Answer = "42" };
        var error = Assert.Throws<FormatException>(() => Reward.Score(bad, "def f(x):\n    return x"));
        Assert.Contains("broken-7", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unavailable_sandbox_rejects_with_its_reason()
    {
        var reward = new CodeTestReward(new PythonSandbox(Short, SandboxHost.Find("/nonexistent-sift-dir")));
        Assert.Equal(RewardResult.Reject("sandbox_unavailable"), reward.Score(Problem, "def f(x):\n    return x * 3 + 2"));
    }

    [SkippableFact]
    public void Works_as_the_rest_em_reward()
    {
        RequireSandbox();
        var samples = new[]
        {
            new ProblemSamples(Problem, "Question: " + Problem.Question, new[]
            {
                new Completion("def f(x):\n    return x", 1, "stop_token"),
                new Completion("def f(x):\n    return x * 3 + 2", 1, "stop_token"),
                new Completion("def f(x):\n    return 2 + 3 * x", 1, "stop_token"),
            }),
        };
        var kept = EStepSelector.Keep(EStepSelector.Score(samples, Reward), maxPerProblem: 5);
        Assert.Equal([1, 2], kept.Kept.Select(k => k.SampleIndex));
    }
}
