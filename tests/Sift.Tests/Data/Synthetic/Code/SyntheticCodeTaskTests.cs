using Sift.Data;
using Sift.Data.Synthetic.Code;
using Sift.Rewards;
using Sift.Sandbox;
using Sift.Data.Code;

namespace Sift.Tests.Data.Synthetic.Code;

public sealed class SyntheticCodeTaskTests
{
    [Fact]
    public void The_same_seed_gives_the_same_problems_and_another_seed_others()
    {
        var a = SyntheticCodeTask.Generate(7, 200).Select(p => p.Problem).ToList();
        var b = SyntheticCodeTask.Generate(7, 200).Select(p => p.Problem).ToList();
        Assert.Equal(a, b);
        // Problem i does not depend on how many are asked for.
        Assert.Equal(a.Take(50), SyntheticCodeTask.Generate(7, 50).Select(p => p.Problem));
        var other = SyntheticCodeTask.Generate(8, 200).Select(p => p.Problem.Question + p.Problem.Answer).ToList();
        Assert.True(a.Zip(other).Count(pair => pair.First.Question + pair.First.Answer == pair.Second) < 20);
    }

    [Fact]
    public void Problems_have_three_to_five_tests_in_the_documented_schema_and_cover_every_family()
    {
        var problems = SyntheticCodeTask.Generate(11, 400);
        foreach (var p in problems)
        {
            Assert.Equal(SyntheticCodeTask.Source, p.Problem.Source);
            Assert.StartsWith("Write a function ", p.Problem.Question, StringComparison.Ordinal);
            Assert.StartsWith($"def {p.Tests.EntryPoint}(", p.Problem.Solution, StringComparison.Ordinal);
            Assert.InRange(p.Tests.Tests.Count, 3, 5);
            var parsed = PythonTestSuite.Parse(p.Problem.Answer);
            Assert.Equal(p.Tests.EntryPoint, parsed.EntryPoint);
            Assert.Equal(p.Problem.Answer, parsed.ToJson());
            Assert.InRange(p.Difficulty, 1, 3);
        }
        Assert.Equal(
            ["arith", "compare", "condition", "filter", "list", "loop", "map", "string", "two_args"],
            problems.Select(p => p.Family).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal([1, 2, 3], problems.Select(p => p.Difficulty).Distinct().Order());
        Assert.True(problems.Select(p => p.Problem.Id).Distinct().Count() == problems.Count);
    }

    [Fact]
    public void Difficulty_bounds_restrict_the_families()
    {
        var easy = SyntheticCodeTask.Generate(3, 100, maxDifficulty: 1);
        Assert.All(easy, p => Assert.Equal(1, p.Difficulty));
        var hard = SyntheticCodeTask.Generate(3, 100, minDifficulty: 3);
        Assert.All(hard, p => Assert.Equal(3, p.Difficulty));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticCodeTask.Generate(3, 1, minDifficulty: 2, maxDifficulty: 1));
    }

    [Fact]
    public void Train_and_test_are_disjoint_by_question_and_deterministic()
    {
        var split = SyntheticCodeTask.TrainTest(5, 600, 200);
        Assert.Equal(600, split.Train.Count);
        Assert.Equal(200, split.Test.Count);
        var trainKeys = split.Train.Select(p => QuestionKey.Of(p.Question)).ToHashSet(StringComparer.Ordinal);
        var testKeys = split.Test.Select(p => QuestionKey.Of(p.Question)).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(600, trainKeys.Count);
        Assert.Equal(200, testKeys.Count);
        Assert.Empty(trainKeys.Intersect(testKeys));
        var again = SyntheticCodeTask.TrainTest(5, 600, 200);
        Assert.Equal(split.Train, again.Train);
        Assert.Equal(split.Test, again.Test);
        Assert.Throws<InvalidOperationException>(() => SyntheticCodeTask.TrainTest(5, 50_000, 10_000, maxDifficulty: 1));
    }

    [Fact]
    public void The_ability_factory_names_the_code_ability_and_scores_with_the_code_reward()
    {
        var ability = Sift.Methods.Dmt.BuiltInAbilities.Code(new Sift.Methods.Dmt.AbilityOptions(2, 40, 10));
        Assert.Equal("code", ability.Name);
        Assert.Equal(40, ability.Train.Count);
        Assert.Equal(10, ability.Test.Count);
        Assert.IsType<CodeTestReward>(ability.Metric);
    }

    [SkippableFact]
    public void Reference_solutions_pass_their_own_tests_and_other_solutions_mostly_fail()
    {
        var sandbox = new PythonSandbox(new SandboxLimits { WallClock = TimeSpan.FromSeconds(30) });
        Sift.Tests.Support.Requires.Sandbox(sandbox.Host);
        var problems = SyntheticCodeTask.Generate(21, 90);
        var reward = new CodeTestReward(sandbox);
        var own = new RewardResult[problems.Count];
        var swapped = new RewardResult[problems.Count];
        Parallel.For(0, problems.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            own[i] = reward.Score(problems[i].Problem, problems[i].Problem.Solution);
            // The next problem's reference solution, renamed to this entry point: a plausible wrong answer.
            var other = problems[(i + 1) % problems.Count];
            var renamed = other.Problem.Solution.Replace($"def {other.Tests.EntryPoint}(", $"def {problems[i].Tests.EntryPoint}(", StringComparison.Ordinal);
            swapped[i] = i % 3 == 0 ? reward.Score(problems[i].Problem, renamed) : RewardResult.Reject("not_run");
        });
        for (var i = 0; i < problems.Count; i++)
        {
            Assert.True(own[i].Rewarded, $"{problems[i].Problem.Id} ({problems[i].Family}): {own[i].Reason}\n{problems[i].Problem.Solution}");
        }
        Assert.True(swapped.Count(r => r.Rewarded) < 4, $"{swapped.Count(r => r.Rewarded)} of 30 swapped solutions passed");
    }
}
