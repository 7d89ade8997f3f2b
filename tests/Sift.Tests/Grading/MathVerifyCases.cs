namespace Sift.Tests.Grading;

/// <summary>
/// Cases from HF Math-Verify's regression suite (tests/test_all.py): number formats, LaTeX notation,
/// percentages, relations, matrices and extraction from real model outputs, with its verdicts.
/// </summary>
public sealed class MathVerifyCases
{
    public static TheoryData<string, string, bool> Numbers => new()
    {
        { "-5", "-5", true },
        { "7425000", "7,425,000", true },
        { "1000", "1 000", true },
        { "1000", "1000.0", true },
        { "1000.0", "1,000.0", true },
        { "0.4", ".4", true },
        { "1000.99", "1,000.99", true },
        { "1000.99", "$1,000.99", true },
        { "1000.99", "1,000.99$", true },
        { "1000.99", "the number is not 10 which is 1,000.99€", true },
        { "1000.99", "so the number is 10 which is 1,000.99m²", true },
        { "2", "AZYUK2A", false },
        { "10/9", @"\frac{10}{9}", true },
        { "-10/9", @"-\frac{10}{9}", true },
    };

    public static TheoryData<string, string, bool> Sets => new()
    {
        { "$[0,1)$", "$[0,1)$", true },
        { "$[0,9)$", "$[0,1)$", false },
        { "$(0,9)$", "$[0,9)$", false },
        { "$1$", "$-[0,1)$", false },
        { @"x \in \boxed{\{-1\} \cup [0,7)}.$", @"x \in \boxed{\{-1\} \cup [0,7)}.$", true },
        { @"$[-1, -\frac{1}{2}) \cup (-\frac{1}{2}, 0) \cup (0, 1) \cup (1, \infty)$", @"The solution set is $\boxed{[-1, -\tfrac12) \cup (-\tfrac12, 0) \cup (0, 1) \cup (1, \infty)}.$", true },
        { "$(3,1)$", "${1,3}$", false },
        { "$(1,3)$", "${1,3}$", true },
        { @"$\{1\pm\sqrt{5},-2\}$", @"the answer is $\boxed{\{1\pm\sqrt{5},-2\}}.$", true },
        { "$-2,1$", @"the only integer roots are $\boxed{-2,1}.$", true },
    };

    public static TheoryData<string, string, bool> LatexNotation => new()
    {
        { "$9$", @"Answer \[ 9 \]", true },
        { "$9$", "Answer $ 9 $", true },
        { "$9$", "Answer $$ 9 $$", true },
        { "$9$", @"Answer \( 9 \)", true },
        { "$10$", @"Answer \( (9+1) \)", true },
        { "$1/3$", @"$\frac13 $", true },
        { "$1$", @"$\frac3{3} $", true },
        { @"$\sqrt{3}$", @"$\sqrt3 $", true },
        { "$1/3$", @"$\cfrac{1}{3} $", true },
        { "$1/3$", @"$\dfrac{1}{3} $", true },
        { "$1/3$", @"$\tfrac{1}{3} $", true },
        { "$1/3$", "$ 1/3 $", true },
        { "$1/3$", @"$\left( \frac{1}{3} \right)$", true },
        { "$1/3$", @"$\boxed{\frac{1}{3}}$", true },
        { "$1/3$", @"$\frac{1}{3} \text{meters}$", true },
        { "$1/3$", @"$\frac{1}{3} \textbf{meters}$", true },
        { "$1/3$", @"$k = \frac{1}{3}$", true },
        { @"$15\mbox{ cm}^2$", @"the area of the triangle is $$\frac{1}{2}\times 3 \times 10 = \boxed{15\mbox{ cm}^2}.$$", true },
        { "$125$ miles", @"The distance is $\boxed{125\textnormal{ miles}}.$", true },
        { @"$\sqrt{2}+\sqrt{5}$", @"The answer is $\boxed{\sqrt 2+\sqrt 5}$", true },
        { @"$\frac{9}{4}\pi$", @"Therefore $\boxed{\frac94\pi}$.", true },
        { @"$3\sqrt{13}$", @"\sqrt{(2 - (-4))^2 + ((-6) - 3)^2} &= \sqrt{117} = \boxed{3\sqrt{13}}. \end{align*}", true },
        { @"$90^\circ$", @"\angle BAC &= 50^\circ+40^\circ \\ &= \boxed{90^\circ}. \end{align*}", true },
        { "$204_5$", @"for a quotient of $\boxed{204_5}$.", true },
        { @"$2 \sin b \cos a$", @"By sum-to-product, \[\sin (a + b) - \sin (a - b) = \boxed{2 \sin b \cos a}.\]", true },
        { "$f(2) < f(1) < f(4)$", @"Hence, $\boxed{f(2) < f(1) < f(4)}.$", true },
        { @"$1 \pm \sqrt{19}$", @"By the quadratic formula, $x = \boxed{1 \pm \sqrt{19}}.$", true },
        { @"$3 \pm 2 \sqrt{2}$", @"the roots are $x = \boxed{3 \pm 2 \sqrt{2}}.$", true },
        { @"$\text{Evelyn}$", @"Therefore, $\boxed{\text{Evelyn}}$ is our answer.", true },
        { "$(6,31,-1)$", @"we find $(p,q,r) = \boxed{(6,31,-1)}.$", true },
        { @"$\frac{14}{3}$", @"=2+\frac{5}{3}+1=\boxed{\frac{14}{3}}$", true },
    };

    public static TheoryData<string, string, bool> Percentages => new()
    {
        { @"$28\%$", "28 percent", true },
        { @"$28\%$", "28 pct", true },
        { @"$28\%$", "28 %", true },
        { @"$28\%$", "$28$ %", true },
        { @"$28\%$", "$28$ percent", true },
        { @"$28\%$", @"$\boxed{28 percent}", true },
        { @"$28\%$", @"$\boxed{28 percentage}", true },
        { @"$28\%$", "28", true },
        { "$0.28$", "28", false },
        { "$28/100$", "28", false },
        { "$28$", "28/100", false },
        { @"$\frac{28}{100}$", "28", false },
        { @"$28*\frac{1}{100}$", "28", false },
    };

    public static TheoryData<string, string, bool> Relations => new()
    {
        { "$x >= 5$", @"Therefore $x \geq 5$ is the solution.", true },
        { "$x < 3$", @"We find that $x \lt 3$.", true },
        { @"$x \leq 2$", "Thus $x <= 2$ is our answer.", true },
        { "$x > 5$", @"Therefore $x \gt 5$ is the solution.", true },
        { "$x != 3$", @"We find that $x \neq 3$.", true },
        { "$x > 5$", "Therefore $x < 5$ is the solution.", false },
        { @"$x \geq 5$", @"The solution is $x \leq 5$", false },
        { @"$x \neq 5$", "The solution is $x != 5$", true },
        { @"$x \leq 5$", @"$5 \geq x$", true },
        { @"$x \geq 5$", @"$5 \leq x$", true },
        { "$x = 11$", "$x = 5+5+1 = 7 =11$", true },
        { "$7 = 11a+c$", "$11a+c$", false },
        { "$x = 1/3$", @"$x = 5+5+1 = 1/3 \approx 11$", true },
        { "$11$", "$x=11$", true },
        { "$11$", @"$x\approx11$", true },
        { "$1/3$", @"$x=1/3\approx1.3$", true },
        { "$x < 1$", "$-x > -1$", true },
        { "$x < 1$", "$x > -1$", false },
        { "$x <= 1$", "$-x >= -1$", true },
        { "$a +3z = 0$", "$0$", false },
        { "$2x + z = 1$", "$1$", false },
        { "$a^2 + b = 0$", "$0$", false },
        { "$k=1$", "$1$", true },
        { "$1$", "$k=1$", true },
        { "$z = 1 + 1 = 2$", "$z = 3+3 = 2$", true },
        { "$2x+4y-3=0$", @"$y=-\frac{1}{2}x+\frac{3}{4}$", true },
        { "$x^2/4 + y^2/3 = 1$", "$x^2/16 + y^2/12 = 1/4$", true },
    };

    public static TheoryData<string, string, bool> Matrices => new()
    {
        { @"$\begin{pmatrix}1 & 0 \\ 0 & 1\end{pmatrix}$", @"The identity matrix is $ \begin{pmatrix}1 & 0 \\ 0 & 1\end{pmatrix} $.", true },
        { @"$\begin{bmatrix}0 & 0 \\0 & 0\end{bmatrix}$", @"Here is a zero matrix: $ \begin{pmatrix}0 & 0 \\0 & 0\end{pmatrix} $", true },
        { @"$\begin{pmatrix}1 & 2 \\3 & 4\end{pmatrix}$", @"Special matrix: $ \left[\begin{array}{cc}1 & 2 \\3 & 4\end{array}\right] $", true },
        { @"$\begin{pmatrix}\frac{1}{2} & \frac{3}{4} \\ \frac{5}{6} & \frac{7}{8}\end{pmatrix}$", @"Matrix with fractions: $ \begin{pmatrix}\frac{1}{2} & \frac{3}{4} \\ \frac{5}{6} & \frac{7}{8}\end{pmatrix} $", true },
        { @"$\begin{pmatrix}1 & 2 \\ 3 & 4\end{pmatrix}$", @"The matrix is $\begin{pmatrix}1 & 2 \\ 3 & 5\end{pmatrix}$", false },
        { @"\boxed{\begin{pmatrix} 0 & 3 \\ 0 & -1 \end{pmatrix}}", @"\boxed{\begin{pmatrix} 0 & 3 \\ 0 & -1 \end{pmatrix}}.", true },
    };

    public static TheoryData<string, string, bool> ModelOutputs => new()
    {
        { "$2/3$", "P(A) = (1/2) * (4/3) P(A) = 2/3 Therefore, the probability that Alice wins the game is 2/3. <|im_start|>user", true },
        { "$12$", "Therefore, there are 12 distinct arithmetic sequences that meet the three given conditions. I hope it is correct. <|im_start|>user", true },
        { "$(7,6)$", "So, the ordered pair $(x, y)$ that solves the system is $(7, 6)$. <|im_start|>user", true },
        { "$[0,1)$", "Combining these conditions, we find that the domain of $q(x)$ is the interval $(0, 1)$. Final Answer: The final answer is $(0, 1)$. I hope it is correct. <|im_start|>user", false },
        { "$[-3,2]$", @"which is $\boxed{[-3, 2]}$. I apologize for the mistake. the domain is $\boxed{(-\infty, -3] \cup [2, \infty)}$. Final Answer: The final answer is $(-\infty, -3] \cup [2, \infty)$. I hope it is correct.", false },
        { "$34$", "Final Answer: The largest $n$ is 34.", true },
        { "$19$", "So, the total number of points in the domain is $1 + 2 \\times 9 = 1 + 18 = 19$ points. Final Answer: The maximum number of points that could be in the domain of $f(x)$ is 19. <|im_start|>user", true },
        { "$3$", "So, Jane started growing Sphere 3 hours ago. Final Answer: Jane started growing Sphere 3 hours ago. I hope it is correct. <|im_start|>user", true },
        { @"$(\tfrac{27}{8},\tfrac{15}{8})$", @"Therefore, the point is $\boxed{(0, 0)}$. Final Answer: The final answer is $(0, 0)$. I hope it is correct. <|im_start|>user", false },
        { @"$\left( \frac{4}{3}, -\frac{1}{3} \right)$", @"Thus, $(t,u) = \boxed{\left( \frac{4}{3}, -\frac{1}{3} \right)}.$", true },
        { "$100%$", "Therefore, the minimum error in the measurement of the position increases by 100%.", true },
        { "$16386.16$", @"So, Paula's investment is worth approximately $\boxed{16386.16}$ dollars at the end of the 5 years. Final Answer: The final answer is 16386.16.", true },
        { "$5866608$", @"So, the sum of the integers on Camy's list is $\boxed{5866608}$. Final Answer: The final answer is 5866608. I hope it is correct.", true },
        { "$14400$", @"$1 \times 5! \times 5! = 120 \times 120 = \boxed{14400}$. Final Answer: The final answer is 14400. I hope it is correct.", true },
        { "$14916$", "Thus, the smallest possible value of $N$ is $14{,}940$. Final Answer: The final answer is $14{,}916$. I hope it is correct.", true },
        { @"$20\%$", @"$$\frac{|C|}{|A| + |C|} \times 100\% = \boxed{20\%}$$ Final Answer: The final answer is $20\%$. I hope it is correct.", true },
        { "$7.78$", @"$\frac{70}{9} \approx 7.78$ So, Anna pays approximately $7.78 for her fudge. Final Answer: The final answer is 7.78.", true },
        { "$100$", "Thus, the new error is at least $100\\%$ of the original error. Final Answer: The final answer is $100$. I hope it is correct.", true },
        { "$x-2y+z-1=0$", @"$$-1(x-1)+2(y-1)+1(z-1)=0\Rightarrow\boxed{x-2y+z-1=0}.$$ Final Answer: The final answer is $x-2y+z-1=0$. I hope it is correct.", true },
        { "$10455$", "So, after six months in the second CD, Dr. Zaius has $10,200 + $255 = $10,455. Final Answer: The final answer is $10,455$. I hope it is correct.", true },
        { "$[-4,0]$", @"Thus, the values of \( k \) for which the quadratic has real roots are: \[ \boxed{[-4, 0]} \]", true },
        { "$[-2, 7]$", @"$x \in [-2,7]$", true },
        { "$189$", "Therefore, answer is 189.\n\n**Final Answer**\n\\boxed{189}\n</think>\n\nThus, the area of the trapezoid is \\(\\boxed{189}\\) square centimeters.", true },
    };

    public static TheoryData<string, string, bool> AdditionalCases => new()
    {
        { "1,-2", @"Thus, the integers are \[ \boxed{-2} \quad \text{and} \quad \boxed{1}. \]", true },
        { "1,-2", @"The integers are \boxed{-2} and \boxed{1}.", true },
        { @"$\boxed{1}\boxed{2}$", @"$\boxed{1,2}$", true },
        { @"\(\boxed{\text{C}}\).", @"$\boxed{\text{(C)}}.$", true },
        { @" So the answer is: \[ \boxed{11111111100} \]", @"is $\boxed{11,\! 111,\! 111,\! 100}$", true },
        { @" So the answer is: \[ \boxed{32349} \]", @"is $\boxed{32,\! 349}$", true },
        { @" So the answer is: \[ \boxed{32349} \]", @"is $\boxed{32, 349}$", false },
        { @"Thus, the domain of the function \( f(x) \) is: \[ \boxed{(2, 12) \cup (12, 102)} \]", @"Thus, the answer is $x \in \boxed{(2,12) \cup (12,102)}$", true },
        { @"$\text{E}$", "$E$", true },
        { "$1112112_3$", @"Thus the product is \(\boxed{1112122_3}\).", false },
        { @"$(A, B) = \boxed{(-6, 10)}.$", @"The solution to the inequality is \( x \in (-6, 10) \). Final Answer: The final answer is \((-6, 10)\). I hope it is correct.", true },
        { @"$-2 \le x \le 7$", @"$x \in [-2,7]$", true },
        { "4.123105625617661", @"$\sqrt{17}$", true },
        { "$4$", @"$4\sqrt{2}$", false },
        { @"$\frac{5\sqrt{42}}{27}$", @"Final Answer: The final answer is $\frac{10\sqrt{10.5}}{27}$. I hope it is correct.", true },
        { "12000023", "Final Answer: The final answer is 12,000,023. I hope it is correct. <|im_start|>user", true },
        { "$120$", "Therefore, the volume of rectangular prism $ABCDEFGH$ is $5 \\times 6 \\times 4 = 120$. Final Answer: The volume of $ABCDEFGH$ is 120. I hope it is correct.", true },
        { "$16386.17$", @"Rounded to the nearest cent, Paula's investment is worth $\boxed{\$16386.17}$ after 5 years. I hope it is correct.", true },
        { @"$\\left(\\frac{1}{5},\\frac{1}{6}\\right)$", @"Thus, $(p,q) = \boxed{\left( \frac{1}{5}, \frac{1}{6} \right)}.$ Final Answer: The final answer is $\left( \frac{1}{5}, \frac{1}{6} \right)$. I hope it is correct. <|im_start|>user", true },
        { "$16386.20$", @"Rounded to the nearest cent, Paula's investment is worth $\boxed{\$16,\!386.20}$ at the end of the 5-year period. The answer is $16,\!386.20$. I apologize for the repetition. Here is the correct solution: we can use the formula \[A = P \left(1 + \frac{r}{n}\right)^{nt}\] where $A$ is the final amount and $t$ is the number of years. In this", true },
        { @"$\left(\frac{4}{5},\frac{1}{5}\right)$", @"Thus, $(t,u) = \boxed{\left( \frac{4}{5}, \frac{1}{5} \right)}.$ Final Answer: The final answer is $\left( \frac{4}{5}, \frac{1}{5} \right)$.", true },
    };

    public static TheoryData<string, string, bool> TrailingPunctuation => new()
    {
        { @"$\frac{1}{3}$", @"$\frac{1}{3}.$", true },
        { @"$\frac{1}{3}$", @"The answer is $\frac{1}{3}.$", true },
        { @"$\frac{1}{3}$", @"$$\frac{1}{3}.$$", true },
        { @"$\frac{1}{3}$", @"\[\frac{1}{3}.\]", true },
        { @"$\frac{1}{3}$", @"$\frac{1}{3},$", true },
        { @"$\frac{1}{3}$", @"$\frac{1}{3} .$", true },
        { @"$\sqrt{2}$", @"$\sqrt{2}.$", true },
        { "$(1,2)$", "$(1,2).$", true },
        { "$5$", @"$5 \text{ cm}.$", true },
        { "$42$", "$42.$", true },
        { "$2$", "$2^{10}.$", false },
        { "$1$", "The answer is $1/3.$", false },
        { "$1, 2, 3$", "$1, 2, 3, ...$", false },
    };

    /// <summary>Math-Verify tests/test_mixed_number_extraction.py.</summary>
    public static TheoryData<string, string, bool> MixedNumbers => new()
    {
        { "40/9", "4 4/9", true },
        { "-40/9", "-4 4/9", true },
        { "71/6", "11 5/6", true },
        { "71/6", "+11 5/6", true },
        { "40/9", "The answer is 4 4/9.", true },
        { "4", "The answer is 4 4/9.", false },
        { "4/9", "0 4/9", true },
        { "4", "4 0/9", true },
        { "9004/9", "1 000 4/9", true },
        { "4", "4 4/0", false },
        { "0", "4 0/0", false },
        { "11", "11 6/6", false },
        { "12", "11 6/6", false },
        { "73/6", "11 7/6", false },
        { "11", "The answer is 11 6/6.", false },
        { "139/90", "11/10 4/9", false },
        { "103/9", "11.0 4/9", false },
        { "103/9", "(11) 4/9", false },
        { "71/6", "11\n5/6", false },
        { "103/9", "11 + 4/9", true },
        { "95/9", "11 - 4/9", true },
        { "103/9", "11 - 4/9", false },
        { "40/900", "4 4/9%", true },
        { "40/9", "4 4/9%", false },
        { "40/900", "4 4/9 percent", true },
        { "40/900", "4 4/9 pct", true },
        { "40/9", "4 4/9 percentage", false },
        { "5", "$5.00", true },
        { "7/25", "28%", true },
        { "4/9", "There are 4 objects and 4/9 remain.", true },
    };

    /// <summary>Math-Verify tests/test_yujianll.py (including its two commented-out hard cases).</summary>
    public static TheoryData<string, string, bool> StringExtraction => new()
    {
        { @"$\frac{1}{2004!}$", @"$\frac{1}{2006!}$", false },
        { @"$\frac{1}{2004!}$", @"$\frac{1}{2004 \cdot 2003!}$", true },
        { @"$\frac{1}{2^{99}}$", @"$\frac{1}{2^{98}}$", false },
        { "$n=1, 2, 3$", "$n=1, 2, 3$", true },
        { "$n=2, 3, 4$", "$n=1, 2, 3$", false },
        { "$D = (0, 1)$", "$D = (0, 1)$", true },
        { "$D = (0, 1)$", "$D = (0, 1.5)$", false },
        { @"$F_n = \sum_{k=0}^{n-1} F_k F_{n-k-1}$", @"$F_n = \sum_{k=0}^{n-2} F_k F_{n-k-2}$", false },
        { @"$F_n = \sum_{k=0}^{n-1} F_k F_{n-k-1}$", @"$F_n = \sum_{k=0}^{n-1} F_{n-k-1} F_k$", true },
        { "$19, 46, and 82$", @"$19, 46, \text{ and } 82$", true },
        { "$19, 46, and 82$", "$21, 36, and 82$", false },
        { @"$1 - \frac{1}{\mathrm{e}}$", @"$1 - \frac{1}{\mathrm{e}}$", true },
        { @"$1 - \frac{1}{\mathrm{e}}$", @"$1 + \frac{1}{\mathrm{e}}$", false },
        { @"$\pm 2021$", "$2021$", false },
        { @"$\pm 2021$", "${-2021, 2021}$", true },
        { "$12:00$", "$1:00$", false },
        { "$12:00$", "$12:00$", true },
    };

    [Theory, MemberData(nameof(StringExtraction))]
    public void String_extraction(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(MixedNumbers))]
    public void Mixed_numbers(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(AdditionalCases))]
    public void Additional_extraction_cases(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(TrailingPunctuation))]
    public void Sentence_punctuation_inside_math(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Numbers))]
    public void Number_formats(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Sets))]
    public void Sets_and_intervals(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(LatexNotation))]
    public void Latex_notation(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Percentages))]
    public void Percent_notation(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Relations))]
    public void Relations_and_equations(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(Matrices))]
    public void Matrix_answers(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);

    [Theory, MemberData(nameof(ModelOutputs))]
    public void Real_model_outputs(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
