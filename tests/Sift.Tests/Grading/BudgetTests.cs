using System.Diagnostics;
using Sift.Grading;

namespace Sift.Tests.Grading;

/// <summary>Budgets turn expensive input into TimedOut / Unparseable values, quickly.</summary>
public sealed class BudgetTests
{
    [Fact]
    public void Too_many_plus_minus_variants_time_out()
    {
        var sw = Stopwatch.StartNew();
        var r = GradingAssert.Grader.CompareAnswers(string.Concat(Enumerable.Repeat(@"1\pm", 40)) + "1", "1");
        sw.Stop();
        Assert.Equal(Verdict.TimedOut, r.Verdict);
        Assert.True(sw.ElapsedMilliseconds < 200, $"{sw.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void A_small_step_budget_times_out_instead_of_working_on()
    {
        var tight = new MathGrader(new GraderOptions { MaxSteps = 50 });
        var r = tight.CompareAnswers(string.Join("+", Enumerable.Range(1, 200)), "20100");
        Assert.Equal(Verdict.TimedOut, r.Verdict);
        Assert.True(GradingAssert.Grader.CompareAnswers(string.Join("+", Enumerable.Range(1, 200)), "20100").IsEquivalent);
    }

    [Fact]
    public void Overlong_and_overdeep_answers_are_unparseable()
    {
        var longAnswer = new string('1', 5000);
        Assert.Equal(GradeSide.Gold, GradingAssert.Grader.CompareAnswers(longAnswer, "1").UnparseableSide);
        var deep = new string('(', 2000) + "1" + new string(')', 2000);
        var r = GradingAssert.Grader.CompareAnswers("1", deep);
        Assert.Equal(Verdict.Unparseable, r.Verdict);
        Assert.Equal(GradeSide.Pred, r.UnparseableSide);
        var literal = new string('7', 1500);
        Assert.Equal(Verdict.Unparseable, GradingAssert.Grader.CompareAnswers(literal, literal + "1").Verdict);
    }

    [Fact]
    public void Huge_powers_fall_back_to_floating_point_without_hanging()
    {
        var sw = Stopwatch.StartNew();
        // Beyond the exact budget the values overflow doubles: undefined, so never "equal as infinities".
        Assert.False(GradingAssert.Grader.CompareAnswers("2^{10^{9}}", "2^{10^{9}}+1").IsEquivalent);
        Assert.False(GradingAssert.Grader.CompareAnswers("10^{400}", @"\infty").IsEquivalent);
        Assert.True(GradingAssert.Grader.CompareAnswers("2^{2^{14}}", "2^{16384}").IsEquivalent);
        Assert.True(GradingAssert.Grader.CompareAnswers("3^{400}", "3^{400}+0").IsEquivalent);
        Assert.False(GradingAssert.Grader.CompareAnswers("3^{400}", "3^{400}+1").IsEquivalent);
        Assert.True(sw.ElapsedMilliseconds < 500, $"{sw.ElapsedMilliseconds} ms");
    }
}
