namespace Sift.Tests.Grading;

/// <summary>
/// Cases from the Minerva answer normalisation used by lm-eval-harness (minerva_math utils:
/// normalize_final_answer, SUBSTITUTIONS, REMOVED_EXPRESSIONS) and its "Final Answer: The final
/// answer is X. I hope it is correct." output format.
/// </summary>
public sealed class MinervaCases
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "5", "Final Answer: The final answer is $5$. I hope it is correct.", true },
        { "5", "Final Answer: The final answer is $6$. I hope it is correct.", false },
        { @"\frac{3}{4}", @"Final Answer: The final answer is $\frac{3}{4}$. I hope it is correct.", true },
        { "(2, 3)", "Final Answer: The final answer is $(2,3)$. I hope it is correct.", true },
        { "5 ways", "5", true },
        { @"10 \text{ edges}", "10", true },
        { @"12 \text{ cents}", "12", true },
        { @"7 \text{ inches}", "7", true },
        { @"3 \text{ hours}", "3", true },
        { "x=3", "3", true },
        { @"3\text{ and }5", "3,5", true },
        { @"3\text{ and }5", "3,6", false },
        { @"1,\!000", "1000", true },
        { @"100,\!000,\!000", "100000000", true },
        { @"5^{\circ}", "5", true },
        { @"\$ 12", "12", true },
        { @"\text{5}", "5", true },
        { @"\textbf{5}", "5", true },
        { @"\boxed{5}", "5", true },
        { @"\frac34", @"\frac{3}{4}", true },
        { @"\sqrt2", @"\sqrt{2}", true },
        { "9 \\text{ square units}", "9", true },
        { @"4\;\text{m}", "4", true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Minerva_normalisation(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
