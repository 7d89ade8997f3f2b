namespace Sift.Tests.Grading;

/// <summary>
/// Known failure modes of public graders, with the right verdicts: equations collapsing to 0 = 0,
/// \text{13} against 13, bold answers, 2/3 against \frac{2}{3}, subsets of set answers accepted, tiny
/// numbers accepted within a loose absolute tolerance.
/// </summary>
public sealed class KnownFailureCases
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        // SymPy evaluates "3 = 3" and "5 = 5" to True and then calls them equal.
        { "3 = 3", "5 = 5", false },
        { "x = 3", "x = 4", false },
        { "2x = 6", "x = 3", true },
        { "y = x + 1", "y = x + 2", false },
        // \text{...} wrapping a number.
        { "13", @"\text{13}", true },
        { @"\text{13}", "13", true },
        { "13", @"\textbf{13}", true },
        { "13", @"\text{14}", false },
        // Bold final answers.
        { "73", "The answer is **73**", true },
        { "73", "So we get **73**.", true },
        { "73", "So we get **72**.", false },
        // Plain and LaTeX fractions.
        { "2/3", @"\frac{2}{3}", true },
        { @"\frac{2}{3}", "2/3", true },
        { @"\frac{2}{3}", "3/2", false },
        { @"\frac{2}{3}", @"\frac{3}{2}", false },
        // A subset of a set answer is not the answer.
        { @"\{1, 2, 3\}", @"\{1, 2\}", false },
        { "1, 2, 3", "1, 2", false },
        { "1, 2", "1, 2, 3", false },
        { "-2, 1", "1", false },
        { "-2, 1", "1, -2", true },
        // Tiny numbers must not match 0 through an absolute tolerance.
        { "0.0000001", "0", false },
        { "10^{-8}", "0", false },
        { @"1 \times 10^{-9}", @"2 \times 10^{-9}", false },
        { "1e-9", "1.0000000001e-9", true },
        // Float tolerance only applies when a side is written as a decimal.
        { "100000001", "100000000", false },
        { @"\frac{1}{3}", @"\frac{333333}{1000000}", false },
        { @"\frac{1}{3}", "0.3333333333", true },
        // Ordered tuples do not ignore order; intervals keep their brackets.
        { "(1, 2)", "(2, 1)", false },
        { "[1, 2)", "[1, 2]", false },
        { "(1,2)", @"\{1,2\}", false },
        // Sign errors and near misses.
        { "-5", "5", false },
        { @"\sqrt{2}", @"\sqrt{3}", false },
        { @"\pi", "3.14", false },
        { @"\pi", "3.14159265358979", true },
        { "e", "2.718", false },
        // Multiple choice.
        { @"\text{(C)}", "C", true },
        { "(C)", "(D)", false },
        { @"\text{B}", "b", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Public_grader_failure_modes(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
