namespace Sift.Tests.Grading;

/// <summary>
/// Cases in the style of the Qwen2.5-Math / math-evaluation-harness grader (math_equal): decimal
/// against fraction, algebraic identities, matrices, equations up to sign, and non-equivalent
/// look-alikes.
/// </summary>
public sealed class QwenCases
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { @"$\frac{1}{12}$", "$0.0833333333333333$", true },
        { @"$(1,\frac{9}{2})$", "$(1,4.5)$", true },
        { @"$\frac{x+2}{7}$", @"$\frac{x}{7}+\frac{2}{7}$", true },
        { @"$\tan^2(y)+1$", @"$\sec^2(y)$", true },
        { @"$\begin{pmatrix}-\frac{7}{4}&-2\\4&\frac{1}{4}\\\end{pmatrix}$", @"$\begin{pmatrix}-\frac{7}{4}&-2\\4&\frac{1}{4}\\\end{pmatrix}$", true },
        { @"$\begin{pmatrix}\frac{1}{3\sqrt[3]{x}^2}&0&0\\0&1&0\\-\sin(x)&0&0\\\end{pmatrix}$", @"$\begin{pmatrix}\frac{1}{3x^{2/3}}&0&0\\0&1&0\\-\sin(x)&0&0\end{pmatrix}$", true },
        { "$34x+45y-20z+100=0$", "$-34x-45y+20z-100=0$", true },
        { @"$\frac{\sqrt{\sqrt{11}+\sqrt{194}}}{15+2\sqrt{33}}$", @"$\frac{\sqrt{\sqrt{11}+\sqrt{194}}}{2\sqrt{33}+15}$", true },
        { "$(a+5)(b+2)$", "$(+5)(b+2)$", false },
        { "$2$", @"$\frac{1+\sqrt{5}}{2}$", false },
        { "$4$", @"$\frac{34}{16}+\frac{\sqrt{1358}}{16}$", false },
        { @"$1\sqrt{19}$", "$1$", false },
        { "$x+2n+1$", "$x+1$", false },
        { @"\frac{\sqrt{3}}{3}", @"\frac{1}{\sqrt{3}}", true },
        { @"2\sqrt{2}", @"\sqrt{8}", true },
        { @"2\sqrt{2}", @"\sqrt{6}", false },
        { "3+2i", "2i+3", true },
        { "3+2i", "3-2i", false },
        { @"\frac{-1+\sqrt{5}}{2}", @"\frac{\sqrt{5}-1}{2}", true },
        { "x^2-1", "(x-1)(x+1)", true },
        { "x^2-1", "(x-1)^2", false },
        { @"\frac{1}{x-1}", @"\frac{-1}{1-x}", true },
        { @"e^{2}", @"e^2", true },
        { @"\ln 8", @"3\ln 2", true },
        { @"\log_3 81", "4", true },
        { @"\pi/4", "45", false },
        { @"\frac{\pi}{4}", @"0.25\pi", true },
        // Correct rounding to the written decimals, for decimals with at least 5 significant digits.
        { @"$(\frac{3}{5},\frac{8}{3}]$", "$(0.6,2.6667]$", true },
        { @"$(\frac{3}{5},\frac{8}{3}]$", "$(0.6,2.6668]$", false },
        { @"\sqrt{2}", "1.4142", true },
        { @"\sqrt{2}", "1.4143", false },
        { @"\frac{1}{3}", "0.3333", false },
        { @"\frac{70}{9}", "7.78", false },
        { @"\begin{pmatrix}-\frac{7}{4}&-2\\4&\frac{1}{4}\end{pmatrix}", @"(\begin{pmatrix}-\frac{7}{4}&-2\\4&\frac{1}{4}\\\end{pmatrix})", true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Math_equal(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
