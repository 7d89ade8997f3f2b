namespace Sift.Tests.Grading;

/// <summary>Shapes of real model responses (chat models, reasoning traces, GSM8K-style prose).</summary>
public sealed class ModelOutputCases
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "5", "So x = 5", true },
        { "2", "AZYUK2A", false },
        { "5", "5 apples", true },
        { @"\text{No solution}", "No solution", true },
        { "10", "x = 10 cm", true },
        { "-3", "the result is −3", true },
        { "12", "H2O has 12 atoms", true },
        { "x^2", @"so \boxed{x^2}", true },
        { @"\frac{3}{4}", "<think>\nLet me compute... 3/4? or 2/3?\n</think>\n\nThe probability is $\\boxed{\\dfrac{3}{4}}$.", true },
        { @"\frac{3}{4}", "<think>\nmaybe \\boxed{3/4}\n</think>\n\n**Final Answer**\n\\[\n\\boxed{\\dfrac{2}{3}}\n\\]", false },
        { "18", "Janet has 16 - 3 - 4 = 9 eggs left. She sells them for 9 * $2 = $18.\nThe answer is: 18", true },
        { "18", "She makes $18.00 per day.", true },
        { "(1,2)", @"\boxed{x=1, y=2}", true },
        { "(1,2)", @"\boxed{x=2, y=1}", false },
        { "f(x) = x^2", "x^2", true },
        { @"\text{No}", "no", true },
        { "No", "yes", false },
        { @"\$25", @"\boxed{25 \text{ dollars}}", true },
        { "25", @"\boxed{25 \, \text{cm}^2}", true },
        { @"2\sqrt{3}", @"\boxed{2\sqrt{3}\text{ units}}", true },
        { @"(-\infty, -2) \cup (3, \infty)", @"\boxed{(-\infty,-2)\cup(3,\infty)}", true },
        { @"(-\infty, -2) \cup (3, \infty)", @"\boxed{(-\infty,-2]\cup(3,\infty)}", false },
        { "1, 2", @"\boxed{1 \text{ or } 2}", true },
        { @"\pi", @"\boxed{3.14}", false },
        { "0.5", @"\boxed{0.5 \text{ hours}}", true },
        { @"\frac{1}{2}", @"The final answer is $\boxed{\frac{1}{2}}$. I hope it is correct.", true },
        { "7", "**Answer:** 7", true },
        { "7", "### Final Answer\nThe answer is 7.", true },
        { "7", "Answer: $7$", true },
        { "7", "Answer: 8", false },
        { "5", @"\boxed{\boxed{5}}", true },
        { @"\frac{\sqrt{2}}{2}", "sqrt(2)/2", true },
        { @"2\sqrt{3}", "2*sqrt(3)", true },
        { @"\frac{\pi}{4}", "pi/4", true },
        { "5", "答案是 5", true },
        { "12", "所以答案是 12。还有 3 个。", true },
        { "5", @"\boxed{}", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Model_response_shapes(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
