namespace Sift.Tests.Grading;

/// <summary>
/// Cases in the style of the PRM800K grader (openai/prm800k grading/grader.py and math_normalize.py):
/// Hendrycks normalisation (units, \$, \%, ^\circ, \text, \left/\right, \frac12, a/b), mixed numbers,
/// tuple/interval splitting with bracket checks, and SymPy-style equality of simple expressions.
/// </summary>
public sealed class Prm800kCases
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { @"\frac12", "0.5", true },
        { @"\frac{1}{2}", "1/2", true },
        { "0.5", ".5", true },
        { @"\sqrt3", @"\sqrt{3}", true },
        { @"10\%", "10", true },
        { @"\$5", "5", true },
        { @"5^{\circ}", "5", true },
        { @"5 \mbox{ cm}", "5", true },
        { @"\text{(A)}", "A", true },
        { @"\text{(A)}", "B", false },
        { "x = 5", "5", true },
        { "1,000", "1000", true },
        { "7 3/4", "31/4", true },
        { "7 3/4", "21/4", false },
        { @"3\sqrt{3}", @"\sqrt{27}", true },
        { "2", "2.0", true },
        { "(1,2)", "(1, 2)", true },
        { "[1,2)", "(1,2)", false },
        { @"\left( 3, \frac{\pi}{2} \right)", @"(3,\frac{\pi}{2})", true },
        { @"(3, \frac{\pi}{2})", @"(3, \frac{\pi}{3})", false },
        { @"\infty", @"\infty", true },
        { @"\frac{a+b}{2}", @"\frac{b+a}{2}", true },
        { @"\frac{a+b}{2}", @"\frac{a-b}{2}", false },
        { "-1", "- 1", true },
        { @"\dfrac{3}{2}", "1.5", true },
        { @"\dfrac{3}{2}", "1.6", false },
        { "5000000", "5 million", true },
        { "5000000", "5 billion", false },
        { @"\text{2.5 billion}", "2500000000", true },
        { "10 \\text{ miles}", "10", true },
        { "3 \\text{ hours}", "3", true },
        { "2^{100}", "1267650600228229401496703205376", true },
        { "2^{100}", "1267650600228229401496703205377", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Prm800k_style(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
