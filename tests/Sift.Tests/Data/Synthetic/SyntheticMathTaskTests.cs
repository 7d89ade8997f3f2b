using Sift.Data;
using Sift.Data.Synthetic;
using Xunit.Abstractions;

namespace Sift.Tests.Data.Synthetic;

public sealed class SyntheticMathTaskTests(ITestOutputHelper output)
{
    private static readonly SynthOptions Wide = new() { Count = 1500, MinSteps = 1, MaxSteps = 8, MaxNumber = 30, MaxResult = 800, Seed = 11 };

    /// <summary>Checks one solution text with the independent evaluator; returns its final answer.</summary>
    private static long CheckSolution(string question, string solution)
    {
        var annotations = ArithmeticChecker.Annotations(solution);
        Assert.NotEmpty(annotations);
        var known = ArithmeticChecker.NumbersIn(question);
        foreach (var (expression, result) in annotations)
        {
            var (num, den) = ArithmeticChecker.Evaluate(expression);
            Assert.True(den == 1, $"inexact division in {expression}");
            Assert.True(num == result, $"{expression} = {num}, written {result}");
            Assert.True(result >= 0, $"negative result in {expression}");
            // Every operand is stated in the question or an earlier result: the arithmetic fits the text.
            foreach (var operand in ArithmeticChecker.NumbersIn(expression))
            {
                Assert.True(known.Contains(operand), $"operand {operand} of {expression} is neither in the question nor an earlier result:\n{question}\n{solution}");
            }
            known.Add(result);
        }
        var answer = ArithmeticChecker.FinalAnswer(solution);
        Assert.Equal(annotations[^1].Result, answer);
        return answer;
    }

    [Fact]
    public void Every_solution_re_evaluates_exactly_and_uses_only_stated_numbers()
    {
        foreach (var problem in SyntheticMathTask.GenerateDetailed(Wide))
        {
            var p = problem.Problem;
            var answer = CheckSolution(p.Question, p.Solution);
            Assert.Equal(answer.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Answer);
            Assert.Equal(problem.ReferenceSteps.Count, ArithmeticChecker.Annotations(p.Solution).Count);
            Assert.InRange(problem.ReferenceSteps.Count, Wide.MinSteps, Wide.MaxSteps);
            Assert.All(problem.ReferenceSteps, s => Assert.InRange(s.Result, 0, Wide.MaxResult));
            Assert.EndsWith("?", p.Question, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Alternative_solutions_are_distinct_paths_to_the_same_answer_and_many_problems_have_them()
    {
        var problems = SyntheticMathTask.GenerateDetailed(Wide with { Count = 600 });
        var withSeveral = 0;
        foreach (var problem in problems)
        {
            var alternatives = problem.AlternativeSolutions();
            Assert.Equal(problem.Problem.Solution, alternatives[0]);
            var keys = alternatives.Select(s => string.Join('|', ArithmeticChecker.Annotations(s).Select(a => a.Expression + "=" + a.Result))).ToList();
            Assert.Equal(keys.Count, keys.Distinct().Count());
            foreach (var solution in alternatives)
            {
                Assert.Equal(problem.Problem.Answer, CheckSolution(problem.Problem.Question, solution).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
            if (alternatives.Count > 1)
            {
                withSeveral++;
            }
        }
        output.WriteLine($"{withSeveral} of {problems.Count} problems have more than one valid order");
        Assert.True(withSeveral > problems.Count / 2, $"only {withSeveral} of {problems.Count} problems have several orders");
    }

    [Fact]
    public void A_grouped_problem_can_be_solved_sum_first_or_multiply_each_first()
    {
        var grouped = SyntheticMathTask.GenerateDetailed(Wide with { Count = 300 }).First(p => p.Shape == "Grouped");
        var counts = grouped.AlternativeSolutions().Select(s => ArithmeticChecker.Annotations(s).Count).Distinct().Count();
        Assert.True(counts >= 2, "sum-first and multiply-each-first take different numbers of steps");
    }

    [Fact]
    public void Same_seed_same_problems_and_problem_i_does_not_depend_on_count()
    {
        var a = SyntheticMathTask.Generate(Wide with { Count = 50 });
        var b = SyntheticMathTask.Generate(Wide with { Count = 80 });
        Assert.Equal(a, b.Take(50));
        var c = SyntheticMathTask.Generate(Wide with { Count = 50, Seed = 12 });
        Assert.True(a.Zip(c).Count(pair => pair.First.Question == pair.Second.Question) < 5);
    }

    [Fact]
    public void Covers_every_step_count_many_families_and_all_shapes()
    {
        var problems = SyntheticMathTask.GenerateDetailed(Wide);
        Assert.Equal(Enumerable.Range(1, 8), problems.Select(p => p.ReferenceSteps.Count).Distinct().Order());
        Assert.True(problems.Select(p => p.Family).Distinct().Count() >= 15);
        Assert.Equal(["Chain", "Collect", "Grouped", "Remaining"], problems.Select(p => p.Shape).Distinct().Order());
        var ops = problems.SelectMany(p => p.ReferenceSteps).Select(s => s.Op).Distinct().Order();
        Assert.Equal(['*', '+', '-', '/'], ops);
        var narrow = SyntheticMathTask.GenerateDetailed(Wide with { MinSteps = 3, MaxSteps = 3, Count = 200 });
        Assert.All(narrow, p => Assert.Equal(3, p.ReferenceSteps.Count));
    }

    [Fact]
    public void Default_problems_are_short()
    {
        var problems = SyntheticMathTask.Generate(new SynthOptions { Count = 500, Seed = 3 });
        var mean = problems.Average(p => p.Question.Length + p.Solution.Length);
        output.WriteLine($"mean question+solution length: {mean:F1} chars");
        Assert.InRange(mean, 60, 220);
    }

    [Fact]
    public void Train_and_test_are_disjoint_distinct_and_deterministic()
    {
        var split = SyntheticMathTask.TrainTest(5, 1500, 500);
        Assert.Equal((1500, 500), (split.Train.Count, split.Test.Count));
        var trainKeys = split.Train.Select(p => QuestionKey.Of(p.Question)).ToHashSet();
        var testKeys = split.Test.Select(p => QuestionKey.Of(p.Question)).ToHashSet();
        Assert.Equal(1500, trainKeys.Count);
        Assert.Equal(500, testKeys.Count);
        Assert.Empty(trainKeys.Intersect(testKeys));
        var again = SyntheticMathTask.TrainTest(5, 1500, 500);
        Assert.Equal(split.Test, again.Test);
        // The side depends on the text alone: a smaller request gives prefixes of the same sides.
        var smaller = SyntheticMathTask.TrainTest(5, 300, 100); // same 1:3 ratio, so the same side for each problem
        Assert.Equal(split.Train.Take(300), smaller.Train);
        Assert.Equal(split.Test.Take(100), smaller.Test);
    }

    [Fact]
    public void Impossible_requests_fail_clearly()
    {
        Assert.Throws<ArgumentException>(() => SyntheticMathTask.Generate(new SynthOptions { MinSteps = 0 }));
        Assert.Throws<ArgumentException>(() => SyntheticMathTask.Generate(new SynthOptions { MaxSteps = 9 }));
        Assert.Throws<ArgumentException>(() => SyntheticMathTask.Generate(new SynthOptions { MaxNumber = 50, MaxResult = 100 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticMathTask.TrainTest(1, -1, 5));
    }
}
