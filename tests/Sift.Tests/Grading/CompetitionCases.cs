namespace Sift.Tests.Grading;

/// <summary>
/// Competition-style answers (NuminaMath-CoT, OpenThoughts, olympiad solutions) on which a grader
/// without these rules says "not equivalent" where Math-Verify says "equivalent" (issue 15), each
/// kind with the near misses that must stay not equivalent. The same rows are the labelled audit file
/// Fixtures/competition.jsonl (FixtureAuditTests keeps the two in step).
/// </summary>
public sealed class CompetitionCases
{
    /// <summary>Label = value: the label is stripped only when it is a name (no number, sum or power; a call f(2) with a constant argument) and the value has no variable; two labelled sides keep their labels.</summary>
    public static TheoryData<string, string, bool> Labels => new()
    {
        { @"(3,2)", @"Hence the only solution is $\boxed{(p,q)=(3,2)}$.", true },
        { @"(3,2)", @"Hence the only solution is $\boxed{(p,q)=(2,3)}$.", false },
        { @"(p,q)=(3,2)", @"\boxed{(3,2)}", true },
        { @"1", @"Therefore $\boxed{|AB|=1}$.", true },
        { @"1", @"Therefore $\boxed{|AB|=2}$.", false },
        { @"11:21", @"The ratio of the volumes is $\boxed{V_1:V_2=11:21}$.", true },
        { @"11:21", @"The ratio of the volumes is $\boxed{V_1:V_2=21:11}$.", false },
        { @"\frac{1}{\sqrt6}", @"\boxed{\frac{NO}{BO}=\frac{1}{\sqrt6}}", true },
        { @"\frac{1}{\sqrt6}", @"\boxed{\frac{NO}{BO}=\frac{1}{\sqrt5}}", false },
        { @"60^\circ", @"so $\boxed{\angle ABC = 60^\circ}$", true },
        { @"60^\circ", @"so $\boxed{\angle ABC = 30^\circ}$", false },
        { @"\frac{1}{3}", @"\boxed{P(A)=\frac{1}{3}}", true },
        { @"2\sqrt{3}", @"\boxed{S_{\triangle ABC}=2\sqrt{3}}", true },
        { @"2\sqrt{3}", @"\boxed{S_{\triangle ABC}=3\sqrt{2}}", false },
        { @"\frac{1}{2}", @"\boxed{\cos\angle BAC=\frac12}", true },
        { @"a=2, b=3", @"\boxed{a=3, b=2}", false },
        { @"a=2, b=3", @"\boxed{(p,q)=(2,3)}", false },
        { @"(p,q)=(3,2)", @"\boxed{a=3, b=2}", false },
        { @"x=2", @"\boxed{y=2}", false },
        { @"0", @"\boxed{a+3z=0}", false },
        { @"6", @"\boxed{2x=6}", false },
        { @"5", @"so $\boxed{f(2)=5}$", true },
        { @"5", @"so $\boxed{f(2)=6}$", false },
        { @"f(2)=5", @"\boxed{f(3)=5}", false },
        { @"-\frac{1}{2}", @"\boxed{g(-1)=-\frac12}", true },
    };

    /// <summary>Several answers joined by words or split across boxes: a set when the parts are values, a tuple per group of assignments.</summary>
    public static TheoryData<string, string, bool> JoinedAnswers => new()
    {
        { @"[1,2)", @"\boxed{1}, \boxed{2}", false },
        { @"\boxed{1,2,3}", @"1 and 2 and 3", true },
        { @"\boxed{1,2,3}", @"1 and 2", false },
        { @"\boxed{1,2,3}", @"The possible values are $1$, $2$ and $3$.", true },
        { @"\boxed{1,2,3}", @"The possible values are $1$ and $2$.", false },
        { @"-1, 2", @"so the solutions are $x=-1$ or $x=2$.", true },
        { @"5", @"We have $a=3$, so $b=5$.", true },
        { @"\boxed{(7,11),\ (11,7)}", @"(11,7) or (7,11)", true },
        { @"\boxed{(7,11),\ (11,7)}", @"$\boxed{(11,7)}$ or $\boxed{(7,11)}$", true },
        { @"\boxed{(7,11),\ (11,7)}", @"$\boxed{(11,7)}$", false },
        { @"\boxed{1,2}", @"so we need \boxed{1} papers and \boxed{2} bins", true },
        { @"\boxed{1,2}", @"so we need \boxed{1} papers and \boxed{3} bins", false },
        { @"(5,2),(7,2)", @"\boxed{p=5,q=2;p=7,q=2}", true },
        { @"(5,2),(7,2)", @"\boxed{p=5,q=2}", false },
        { @"(5,2),(7,2)", @"\boxed{p=5,q=2;p=2,q=7}", false },
        { @"(p,q)=(5,2),(7,2)", @"\boxed{(7,2),(5,2)}", true },
        { @"(2,3)", @"Thus $x=\boxed{2}$, $y=\boxed{3}$.", true },
        { @"(2,3)", @"Thus $x=\boxed{3}$, $y=\boxed{2}$.", false },
        { @"(1,2)", @"\boxed{x=1, y=2}", true },
        { @"(1,2)", @"\boxed{x=2, y=1}", false },
        { @"-1, 2", @"\boxed{x=-1 \text{ or } x=2}", true },
        { @"-1, 2", @"\boxed{x=-1}", false },
        { @"5", @"First I got \boxed{3}, but that is wrong, so \boxed{5}", true },
        { @"3", @"First I got \boxed{3}, but that is wrong, so \boxed{5}", false },
    };

    /// <summary>Ratios a:b:c: proportional parts with a positive factor; clock times h:mm compare exactly; a:b against a number is a/b.</summary>
    public static TheoryData<string, string, bool> Ratios => new()
    {
        { @"2:3", @"\boxed{4:6}", true },
        { @"2:3", @"\boxed{3:2}", false },
        { @"1:2:3", @"\boxed{2:4:6}", true },
        { @"1:2:3", @"\boxed{1:2}", false },
        { @"1:2:3", @"\boxed{1:3:2}", false },
        { @"\frac{11}{21}", @"\boxed{11:21}", true },
        { @"\frac{11}{21}", @"\boxed{21:11}", false },
        { @"3:45", @"\boxed{1:15}", false },
        { @"\sqrt{2}:1", @"\boxed{2:\sqrt{2}}", true },
    };

    /// <summary>Inequalities against intervals: a bounded name f(x) is a variable; bounds on |x| give the mirrored union.</summary>
    public static TheoryData<string, string, bool> InequalitiesAsIntervals => new()
    {
        { @"(0,1)", @"the range is $\boxed{0<f(x)<1}$", true },
        { @"[0,1)", @"the range is $\boxed{0<f(x)<1}$", false },
        { @"(0,1]", @"the range is $\boxed{0<f(x)<1}$", false },
        { @"[-\frac32,-1]\cup[1,\frac32]", @"$\boxed{1\le|z|\le\frac32}$", true },
        { @"(-\frac32,-1]\cup[1,\frac32)", @"$\boxed{1\le|z|\le\frac32}$", false },
        { @"[1,\frac32]", @"$\boxed{1\le|z|\le\frac32}$", false },
        { @"(-2,2)", @"\boxed{|x|<2}", true },
        { @"[-2,2]", @"\boxed{|x|<2}", false },
        { @"(-\infty,-3)\cup(3,\infty)", @"\boxed{|x|>3}", true },
        { @"(-\infty,-3]\cup[3,\infty)", @"\boxed{|x|>3}", false },
        { @"[-4,4]", @"\boxed{0\le|x|\le4}", true },
        { @"(2,\infty)", @"\boxed{g(x)>2}", true },
        { @"(-\infty,-1)\cup(1,\infty)", @"\boxed{x<-1 \text{ or } x>1}", true },
        { @"(-\infty,-1)\cup(1,\infty)", @"\boxed{x\le -1 \text{ or } x\ge 1}", false },
        { @"(1,\infty)", @"\boxed{\{x \mid x>1\}}", true },
        { @"(1,\infty)", @"\boxed{\{x\in\mathbb{R} : x>1\}}", true },
        { @"[1,\infty)", @"\boxed{\{x \mid x>1\}}", false },
    };

    /// <summary>The final answer stated in prose: a final-answer sentence after the last box wins when it holds math or a bare answer.</summary>
    public static TheoryData<string, string, bool> ProseFinalAnswers => new()
    {
        { @"10455", @"Adding the cases gives $10,455$. The final answer is $10,455$", true },
        { @"10455", @"Adding the cases gives $10,456$. The final answer is $10,456$", false },
        { @"5", @"For part (a) we get $\boxed{3}$. Combining both parts, the final answer is $5$.", true },
        { @"3", @"For part (a) we get $\boxed{3}$. Combining both parts, the final answer is $5$.", false },
        { @"12", @"So there are $\boxed{12}$ cookies. The answer is correct because three times four is twelve.", true },
        { @"5", "The total is $\\boxed{5}$.\n\nThe answer is 5 because there are 3 groups of 2 minus 1.", true },
        { @"7", @"We find $\boxed{7}$. Therefore, the final answer is: $\boxed{7}$", true },
        { @"12", @"The area is $\boxed{12}$. (The answer is in square units, $\text{cm}^2$.)", true },
        { @"5", "So $x = \\boxed{5}$.\n\nFinal Answer: The final answer is $5$. I hope it is correct.", true },
        { @"\frac{1}{2}", @"Each gets $\boxed{\frac{1}{2}}$. The answer is therefore $\frac12$ of the pie.", true },
    };

    /// <summary>Matrices written as sums, scalar multiples, products or powers of matrices.</summary>
    public static TheoryData<string, string, bool> MatrixArithmetic => new()
    {
        { @"\begin{pmatrix}3&4\\5&6\end{pmatrix}", @"\boxed{\begin{pmatrix}1&2\\3&4\end{pmatrix}+\begin{pmatrix}2&2\\2&2\end{pmatrix}}", true },
        { @"\begin{pmatrix}3&4\\5&6\end{pmatrix}", @"\boxed{\begin{pmatrix}1&2\\3&4\end{pmatrix}+\begin{pmatrix}2&2\\2&3\end{pmatrix}}", false },
        { @"\begin{pmatrix}2&0\\0&2\end{pmatrix}", @"\boxed{2\begin{pmatrix}1&0\\0&1\end{pmatrix}}", true },
        { @"\begin{pmatrix}2&1\\1&1\end{pmatrix}", @"\boxed{\begin{pmatrix}1&1\\0&1\end{pmatrix}\begin{pmatrix}1&0\\1&1\end{pmatrix}}", true },
        { @"\begin{pmatrix}2&1\\1&1\end{pmatrix}", @"\boxed{\begin{pmatrix}1&0\\1&1\end{pmatrix}\begin{pmatrix}1&1\\0&1\end{pmatrix}}", false },
        { @"\begin{pmatrix}1&2\\0&1\end{pmatrix}", @"\boxed{\begin{pmatrix}1&1\\0&1\end{pmatrix}^2}", true },
        { @"\begin{pmatrix}3&2\\2&3\end{pmatrix}", @"\boxed{\begin{pmatrix}1&2\\2&1\end{pmatrix}+2}", false },
    };

    /// <summary>Approximate decimals against exact values: the gold's stated precision (A ≈ D, or a gold decimal with 3+ significant digits against an exact prediction).</summary>
    public static TheoryData<string, string, bool> Approximations => new()
    {
        { @"1-\frac{1}{e}\approx 0.632", @"\boxed{0.632}", true },
        { @"1-\frac{1}{e}\approx 0.632", @"\boxed{0.6321}", true },
        { @"1-\frac{1}{e}\approx 0.632", @"\boxed{0.63}", false },
        { @"1-\frac{1}{e}\approx 0.632", @"\boxed{0.633}", false },
        { @"1-\frac{1}{e}\approx 0.632", @"\boxed{1-e^{-1}}", true },
        { @"1-\frac{1}{e}", @"\boxed{1+\frac{1}{e}}", false },
        { @"1-\frac{1}{e}", @"\boxed{1-\frac{1}{e}\approx 0.632}", true },
        { @"1-\frac{1}{e}", @"\boxed{1+\frac{1}{e}\approx 0.632}", false },
        { @"1-\frac{1}{e}", @"\boxed{0.632}", false },
        { @"0.632", @"\boxed{1-\frac{1}{e}}", true },
        { @"0.632", @"\boxed{1+\frac{1}{e}}", false },
        { @"1.41", @"\boxed{\sqrt{2}}", true },
        { @"1.41", @"\boxed{\sqrt{3}}", false },
        { @"0.5", @"\boxed{0.52}", false },
    };

    /// <summary>Whole responses in the shape of OpenThoughts (R1 think blocks, **Final Answer**) and NuminaMath-CoT solutions.</summary>
    public static TheoryData<string, string, bool> Responses => new()
    {
        { @"(5,2),(7,2)", "Checking small primes, only $q=2$ works.\n\n**Final Answer**\nThe solutions are $\\boxed{(5, 2)}$ and $\\boxed{(7, 2)}$.", true },
        { @"(5,2),(7,2)", "Checking small primes, only $q=2$ works.\n\n**Final Answer**\nThe solution is $\\boxed{(5, 2)}$.", false },
        { @"\frac{1}{\sqrt6}", "Since $\\triangle NOB$ is right-angled at $O$, we get\n\\[\n\\boxed{\\frac{NO}{BO}=\\frac{1}{\\sqrt{6}}}\n\\]", true },
        { @"11:21", @"Hence the plane divides the pyramid into parts whose volumes are in the ratio $\boxed{11:21}$.", true },
        { @"11:21", @"Hence the plane divides the pyramid into parts whose volumes are in the ratio $\boxed{21:32}$.", false },
        { @"[-\frac{3}{2},-1]\cup[1,\frac{3}{2}]", "Combining both conditions,\n$$\\boxed{1\\leqslant |z| \\leqslant \\frac{3}{2}}$$", true },
        { @"2", "<think>\nSo n = 2 works and n = 3 fails.\n</think>\n\nThe only such $n$ is $\\boxed{2}$.", true },
        { @"2", "<think>\nSo n = 2 works and n = 3 fails.\n</think>\n\nThe only such $n$ is $\\boxed{3}$.", false },
        { @"x=1,y=-1", "Substituting back, we obtain $x=1$ and $y=-1$.\n\nThe final answer is $\\boxed{x=1, y=-1}$.", true },
        { @"(1,-1)", "Substituting back, we obtain $x=1$ and $y=-1$.\n\nThe final answer is $\\boxed{x=1, y=-1}$.", true },
        { @"(1,-1)", "Substituting back, we obtain $x=-1$ and $y=1$.\n\nThe final answer is $\\boxed{x=-1, y=1}$.", false },
    };

    [Theory, MemberData(nameof(Labels))]
    public void Labels_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(JoinedAnswers))]
    public void JoinedAnswers_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Ratios))]
    public void Ratios_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(InequalitiesAsIntervals))]
    public void InequalitiesAsIntervals_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(ProseFinalAnswers))]
    public void ProseFinalAnswers_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(MatrixArithmetic))]
    public void MatrixArithmetic_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Approximations))]
    public void Approximations_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Responses))]
    public void Responses_case(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
