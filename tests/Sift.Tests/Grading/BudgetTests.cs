using Sift.Grading;

namespace Sift.Tests.Grading;

/// <summary>
/// Budgets turn expensive input into TimedOut / Unparseable values. The work is bounded by step budgets
/// (GraderOptions.MaxSteps), not by wall-clock assertions, which are flaky on a shared machine.
/// </summary>
public sealed class BudgetTests
{
    [Fact]
    public void Too_many_plus_minus_variants_time_out()
    {
        // 2^40 sign variants: only the step budget ends this, at the default budget and at a tiny one alike.
        var answer = string.Concat(Enumerable.Repeat(@"1\pm", 40)) + "1";
        Assert.Equal(Verdict.TimedOut, GradingAssert.Grader.CompareAnswers(answer, "1").Verdict);
        Assert.Equal(Verdict.TimedOut, new MathGrader(new GraderOptions { MaxSteps = 1_000 }).CompareAnswers(answer, "1").Verdict);
        // A few variants fit in the budget and are compared for real.
        Assert.True(GradingAssert.Grader.CompareAnswers(@"1\pm1", "0, 2").IsEquivalent);
    }

    [Fact]
    public void Long_matrix_products_are_bounded_by_the_step_budget()
    {
        // Each product multiplies the cell trees: 40 factors of a 4x4 matrix would be astronomically many
        // evaluation steps without the budget; a short product is computed for real.
        var m = @"\begin{pmatrix}1&1&0&0\\0&1&1&0\\0&0&1&1\\1&0&0&1\end{pmatrix}";
        var chain = string.Concat(Enumerable.Repeat(m, 40));
        var r = GradingAssert.Grader.CompareAnswers(chain, m);
        Assert.True(r.Verdict is Verdict.TimedOut or Verdict.NotEquivalent, r.Verdict.ToString());
        Assert.True(GradingAssert.Grader.CompareAnswers(
            @"\begin{pmatrix}1&1\\0&1\end{pmatrix}^8", @"\begin{pmatrix}1&8\\0&1\end{pmatrix}").IsEquivalent);
        Assert.Equal(Verdict.TimedOut, new MathGrader(new GraderOptions { MaxSteps = 200 }).CompareAnswers(chain, m).Verdict);
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
        // Decided within a tenth of the default budget: no brute-force expansion of the powers.
        var small = new MathGrader(new GraderOptions { MaxSteps = SmallBudget });
        foreach (var grader in new[] { GradingAssert.Grader, small })
        {
            // Beyond the exact budget the values overflow doubles: undefined, so never "equal as infinities".
            Assert.Equal(Verdict.NotEquivalent, grader.CompareAnswers("2^{10^{9}}", "2^{10^{9}}+1").Verdict);
            Assert.Equal(Verdict.NotEquivalent, grader.CompareAnswers("10^{400}", @"\infty").Verdict);
            Assert.Equal(Verdict.Equivalent, grader.CompareAnswers("2^{2^{14}}", "2^{16384}").Verdict);
            Assert.Equal(Verdict.Equivalent, grader.CompareAnswers("3^{400}", "3^{400}+0").Verdict);
            Assert.Equal(Verdict.NotEquivalent, grader.CompareAnswers("3^{400}", "3^{400}+1").Verdict);
        }
    }

    private const int SmallBudget = 20_000;
}
