using Sift.Eval;
using Sift.Methods.Evaluator;

namespace Sift.Tests.Methods.Evaluator;

public sealed class EvaluatorDatasetTests
{
    private static readonly EvaluatorEncoding Encoding = new(Sift.Tests.Training.Sft.SftTestData.Tokenizer, 128);

    /// <summary>A problem whose sample j says "answer j" and is correct where <paramref name="correct"/>[j].</summary>
    private static GradedProblem Problem(string id, params bool[] correct) => new(id, $"question {id}", "1", "",
        correct.Select((c, j) => new GradedSample($"answer {j}", $"{j}", c ? "equivalent" : "not_equivalent", c, true, 3)).ToArray());

    [Fact]
    public void Each_problem_gives_equal_correct_and_incorrect_examples_and_single_class_problems_nothing()
    {
        var problems = new[]
        {
            Problem("a", true, false, false, false, false),   // 1 correct, 4 incorrect: 1 pair
            Problem("b", true, true, true, false, false),     // 3 vs 2: 2 pairs
            Problem("c", true, true, true),                   // all correct: dropped
            Problem("d", false, false),                       // all incorrect: dropped
            Problem("e", Enumerable.Range(0, 20).Select(i => i % 2 == 0).ToArray()), // 10 vs 10, capped at 4
        };
        var data = EvaluatorDataset.Build(problems, Encoding, new EvaluatorDataOptions { Seed = 3, MaxPerClass = 4 });
        Assert.Equal(5, data.Problems);
        Assert.Equal(3, data.UsedProblems);
        Assert.Equal(2, data.SingleClassProblems);
        Assert.Equal(1 + 2 + 4, data.Pairs.Count);
        Assert.Equal(2 * data.Pairs.Count, data.Examples.Count);
        foreach (var g in data.Examples.GroupBy(e => e.ProblemId))
        {
            Assert.Equal(g.Count(e => e.IsCorrect), g.Count(e => !e.IsCorrect));
        }
        foreach (var pair in data.Pairs)
        {
            Assert.True(data.Examples[pair.Positive].IsCorrect);
            Assert.False(data.Examples[pair.Negative].IsCorrect);
            Assert.Equal(data.Examples[pair.Positive].ProblemId, data.Examples[pair.Negative].ProblemId);
        }
        // Each example is a distinct sample of its problem (chosen without replacement).
        foreach (var g in data.Examples.GroupBy(e => e.ProblemId))
        {
            Assert.Equal(g.Count(), g.Select(e => string.Join(",", e.Input)).Distinct().Count());
        }
    }

    [Fact]
    public void The_choice_is_deterministic_per_seed_and_independent_of_other_problems()
    {
        var e = Problem("e", Enumerable.Range(0, 20).Select(i => i % 3 == 0).ToArray());
        var alone = EvaluatorDataset.Build([e], Encoding, new EvaluatorDataOptions { Seed = 9 });
        var withOthers = EvaluatorDataset.Build([Problem("a", true, false), e], Encoding, new EvaluatorDataOptions { Seed = 9 });
        var other = EvaluatorDataset.Build([e], Encoding, new EvaluatorDataOptions { Seed = 10 });
        string Key(EvaluatorDataset d) => string.Join("|", d.Examples.Where(x => x.ProblemId == "e").Select(x => string.Join(",", x.Input)));
        Assert.Equal(Key(alone), Key(withOthers));
        Assert.NotEqual(Key(alone), Key(other));
    }

    [Fact]
    public void The_split_is_by_problem_and_deterministic()
    {
        var problems = Enumerable.Range(0, 200).Select(i => Problem($"p{i}", true, false)).ToArray();
        var (train, held) = EvaluatorDataset.SplitByProblem(problems, 0.25, 4);
        var (train2, held2) = EvaluatorDataset.SplitByProblem(problems, 0.25, 4);
        Assert.Equal(held.Select(p => p.Id), held2.Select(p => p.Id));
        Assert.Equal(200, train.Count + held.Count);
        Assert.Empty(train.Select(p => p.Id).Intersect(held.Select(p => p.Id)));
        Assert.InRange(held.Count, 30, 70);
    }
}
