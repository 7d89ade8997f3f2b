using Sift.Data;

namespace Sift.Tests.Data;

public sealed class SplitAndDedupTests
{
    private static MathProblem P(string id, string question) => new(id, question, "", "1", "t");

    [Fact]
    public void Question_key_ignores_case_spacing_and_sentence_punctuation_but_keeps_numbers()
    {
        Assert.Equal(QuestionKey.Of("Ann has 3.5 apples.  How many?"), QuestionKey.Of("ann has 3.5 apples how many"));
        Assert.Equal(QuestionKey.Of("Janet\u2019s ducks"), QuestionKey.Of("Janet's ducks"));
        Assert.NotEqual(QuestionKey.Of("Ann has 35 apples."), QuestionKey.Of("Ann has 3.5 apples."));
        Assert.NotEqual(QuestionKey.Of("1/2 of 8"), QuestionKey.Of("12 of 8"));
    }

    [Fact]
    public void Deduplicate_keeps_the_first_occurrence_in_order()
    {
        var kept = ProblemDeduplicator.Deduplicate([P("a", "Q one."), P("b", "q ONE"), P("c", "Q two."), P("d", "Q one!")], out var removed);
        Assert.Equal(["a", "c"], kept.Select(p => p.Id));
        Assert.Equal(2, removed);
        Assert.Equal(["c"], ProblemDeduplicator.Except([P("x", "q one"), P("c", "Q two.")], [P("a", "Q one.")]).Select(p => p.Id));
    }

    [Fact]
    public void Split_is_seeded_disjoint_by_problem_and_keeps_duplicates_together()
    {
        var problems = Enumerable.Range(0, 200).Select(i => P($"p{i}", $"Question {i % 150}.")).ToList();
        var split = DatasetSplitter.Split(problems, 30, seed: 7);
        Assert.Equal(200, split.Train.Count + split.Test.Count);
        var trainKeys = split.Train.Select(p => QuestionKey.Of(p.Question)).ToHashSet();
        Assert.DoesNotContain(split.Test, p => trainKeys.Contains(QuestionKey.Of(p.Question)));
        Assert.Equal(30, split.Test.Select(p => QuestionKey.Of(p.Question)).Distinct().Count());
        var again = DatasetSplitter.Split(problems, 30, seed: 7);
        Assert.Equal(split.Test.Select(p => p.Id), again.Test.Select(p => p.Id));
        var other = DatasetSplitter.Split(problems, 30, seed: 8);
        Assert.NotEqual(split.Test.Select(p => p.Id), other.Test.Select(p => p.Id));
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplitter.Split(problems, 151, seed: 1));
        Assert.Equal(15, DatasetSplitter.SplitFraction(problems, 0.1, 3).Test.Select(p => p.Question).Distinct().Count());
    }
}
