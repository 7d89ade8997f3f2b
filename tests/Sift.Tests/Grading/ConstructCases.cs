namespace Sift.Tests.Grading;

/// <summary>One table per construct of the parser, negatives beside positives.</summary>
public sealed class ConstructCases
{
    public static TheoryData<string, string, bool> Numbers => new()
    {
        { "42", "42", true }, { "42", "43", false },
        { "-7", "-7.0", true }, { "-7", "7", false },
        { "1.5", "1.50", true }, { "1.5", "1.05", false },
        { "3.2e5", "320000", true }, { "3.2e5", "32000", false },
        { @"2.5 \times 10^{3}", "2500", true }, { @"2.5 \times 10^{3}", "250", false },
        { "12,345,678", "12345678", true }, { "12,345,678", "12345679", false },
        { @"1{,}000", "1000", true },
        { @"\$1,234.50", "1234.5", true },
    };

    public static TheoryData<string, string, bool> Fractions => new()
    {
        { @"\frac{3}{4}", "0.75", true }, { @"\frac{3}{4}", "0.7", false },
        { @"\dfrac{6}{8}", @"\frac34", true }, { @"\tfrac{1}{2}", "1/2", true },
        { "1/2", "2/4", true }, { "1/2", "1/3", false },
        { @"3\frac{1}{2}", @"\frac{7}{2}", true }, { @"3\frac{1}{2}", @"\frac{3}{2}", false },
        { @"2\frac{x}{3}", @"\frac{2x}{3}", true },
        { @"\frac{\frac{1}{2}}{3}", @"\frac{1}{6}", true },
        { @"-\frac{5}{3}", @"\frac{-5}{3}", true }, { @"-\frac{5}{3}", @"\frac{5}{3}", false },
    };

    public static TheoryData<string, string, bool> Roots => new()
    {
        { @"\sqrt{16}", "4", true }, { @"\sqrt{16}", "-4", false },
        { @"\sqrt[3]{27}", "3", true }, { @"\sqrt[3]{-8}", "-2", true },
        { @"\sqrt{50}", @"5\sqrt{2}", true }, { @"\sqrt{50}", @"5\sqrt{3}", false },
        { @"\frac{\sqrt{6}}{2}", @"\sqrt{\frac{3}{2}}", true },
        { @"\sqrt{-4}", "2i", true },
        { @"4^{\frac{1}{2}}", "2", true },
        { @"8^{2/3}", "4", true }, { @"8^{2/3}", "2", false },
    };

    public static TheoryData<string, string, bool> Powers => new()
    {
        { "2^{10}", "1024", true }, { "2^{10}", "1023", false },
        { "2^{-2}", "0.25", true }, { @"3^2 \cdot 2", "18", true },
        { @"3 \times 4", "12", true }, { "2(3+4)", "14", true },
        { "(2)(3)", "6", true }, { "x^2", "x \\cdot x", true }, { "x^2", "2x", false },
        { "2^{3^2}", "512", true }, { "5!", "120", true }, { "5!", "24", false },
    };

    public static TheoryData<string, string, bool> Constants => new()
    {
        { @"2\pi", @"\pi \cdot 2", true }, { @"2\pi", @"3\pi", false },
        { @"\frac{\pi}{2}", "1.5707963", true }, { @"\frac{\pi}{2}", "1.57", false },
        { "e^0", "1", true }, { "i^2", "-1", true }, { "(1+i)^2", "2i", true },
        { @"\infty", "oo", true }, { @"-\infty", @"\infty", false },
        { @"\left(\frac{1}{2}\right)", "0.5", true },
    };

    public static TheoryData<string, string, bool> Units => new()
    {
        { @"30^\circ", "30", true }, { @"30^{\circ}", "30", true }, { @"30^\circ", "60", false },
        { "45°", "45", true }, { @"10\%", "10", true }, { @"10\%", "0.1", true }, { @"10\%", "11", false },
        { @"5 \text{ cm}", "5", true }, { @"5\text{ inches}", "5", true }, { "12 dollars", "12", true },
        { @"\$18", "18", true }, { @"18\text{ apples}", "19", false },
        { @"6\text{ m}^2", "6", true },
    };

    public static TheoryData<string, string, bool> Functions => new()
    {
        { @"\sin(\pi/6)", "1/2", true }, { @"\cos 0", "1", true }, { @"\sin^2 x + \cos^2 x", "1", true },
        { @"\log_2 32", "5", true }, { @"\log_2 32", "6", false }, { @"\ln(e^3)", "3", true },
        { @"\tan(\pi/4)", "1", true }, { @"\arctan 1", @"\frac{\pi}{4}", true },
        { @"\sin x", @"\cos x", false }, { @"|-3|", "3", true }, { @"\lfloor 2.7 \rfloor", "2", true },
        { @"\binom{5}{2}", "10", true }, { @"\binom{5}{2}", "20", false },
    };

    public static TheoryData<string, string, bool> Variables => new()
    {
        { "2x+3", "3+2x", true }, { "2x+3", "2x+4", false },
        { "(a+b)^2", "a^2+2ab+b^2", true }, { "(a+b)^2", "a^2+b^2", false },
        { @"\frac{x^2-1}{x-1}", "x+1", true },
        { "xy", "yx", true }, { "x", "y", false },
        { @"\alpha + \beta", @"\beta + \alpha", true }, { @"\alpha", @"\beta", false },
        { "a_1 + a_2", "a_2 + a_1", true }, { "a_1", "a_2", false },
        { "2x", "x+x", true },
    };

    public static TheoryData<string, string, bool> Equations => new()
    {
        { "x = 5", "5", true }, { "x = 5", "6", false },
        { "y = 3x - 2", "3x - 2", true }, { "y = 3x - 2", "y = -2 + 3x", true },
        { "y = 3x - 2", "3x - y = 2", true }, { "y = 3x - 2", "y = 3x + 2", false },
        { "x^2 + y^2 = 4", "2x^2 + 2y^2 = 8", true }, { "x^2 + y^2 = 4", "x^2 + y^2 = 2", false },
        { "5", "x = 5", true }, { "5", "x = 6", false },
    };

    public static TheoryData<string, string, bool> Inequalities => new()
    {
        { "x > 3", "(3, \\infty)", true }, { "x \\ge 3", "[3, \\infty)", true }, { "x > 3", "[3, \\infty)", false },
        { "-2 < x \\le 5", "(-2, 5]", true }, { "-2 < x \\le 5", "[-2, 5]", false },
        { "x < 0", "0 > x", true }, { "x \\neq 1", @"(-\infty, 1) \cup (1, \infty)", true },
    };

    public static TheoryData<string, string, bool> TuplesAndIntervals => new()
    {
        { "(1, 2)", @"\left(1, 2\right)", true }, { "(1,2)", "(1,3)", false },
        { @"(1, \frac{1}{2})", "(1, 0.5)", true }, { "(1, 2, 3)", "(1, 2)", false },
        { "[0, 1]", "[0,1]", true }, { "(0, 1]", "(0, 1)", false },
        { @"(-\infty, 0) \cup (1, \infty)", @"(1, \infty) \cup (-\infty, 0)", true },
        { @"(-\infty, 0) \cup (1, \infty)", @"(-\infty, 0)", false },
        { "(3, 4)", "3, 4", true },
    };

    public static TheoryData<string, string, bool> SetsAndLists => new()
    {
        { @"\{1, 2, 3\}", @"\{3, 2, 1\}", true }, { @"\{1, 2, 3\}", @"\{1, 2, 4\}", false },
        { "1, 2, 3", "3, 1, 2", true }, { @"\{1, 2\}", "1 and 2", true }, { "2, 5", "2 or 5", true },
        { @"\emptyset", @"\varnothing", true }, { @"\emptyset", @"\{0\}", false },
        { @"\{-1, 1\}", @"\pm 1", true }, { "1, -1", @"\pm 1", true }, { @"\pm 1", "1", false },
        { @"2 \pm \sqrt{3}", @"2+\sqrt{3}, 2-\sqrt{3}", true }, { @"2 \pm \sqrt{3}", @"2+\sqrt{3}", false },
    };

    public static TheoryData<string, string, bool> Matrices => new()
    {
        { @"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", @"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", true },
        { @"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", @"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", true },
        { @"\begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}", @"\begin{pmatrix} 1 & 3 \\ 2 & 4 \end{pmatrix}", false },
        { @"\begin{pmatrix} 1 \\ 2 \end{pmatrix}", @"\begin{pmatrix} 1 & 2 \end{pmatrix}", false },
        { @"\begin{pmatrix} \frac{1}{2} \\ -1 \end{pmatrix}", @"\begin{pmatrix} 0.5 \\ -1 \end{pmatrix}", true },
        { @"\begin{pmatrix} 3 \\ 4 \end{pmatrix}", "(3, 4)", true },
    };

    [Theory, MemberData(nameof(Numbers))] public void Numbers_integers_decimals_scientific(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Fractions))] public void Fractions_and_mixed_numbers(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Roots))] public void Roots_exact(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Powers))] public void Powers_and_products(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Constants))] public void Constants_pi_e_i_infinity(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Units))] public void Degrees_percent_units(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Functions))] public void Function_calls(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Variables))] public void Expressions_with_variables(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Equations))] public void Equation_answers(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Inequalities))] public void Inequality_answers(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(TuplesAndIntervals))] public void Tuples_and_intervals(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(SetsAndLists))] public void Sets_lists_plus_minus(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
    [Theory, MemberData(nameof(Matrices))] public void Matrix_answers(string g, string p, bool e) => GradingAssert.Equivalence(g, p, e);
}
