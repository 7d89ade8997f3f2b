using Sift.Grading;

namespace Sift.Tests.Grading;

/// <summary>Answer extraction priorities: boxed, ####, answer phrases, bold, "A:", bare answer, last number.</summary>
public sealed class ExtractionTests
{
    public static TheoryData<string, string?> Cases => new()
    {
        { @"so $x = \boxed{\frac{1}{2}}$.", @"\frac{1}{2}" },
        { @"first \boxed{1} then \boxed{2}", "2" },
        { @"nested \boxed{\frac{\sqrt{2}}{\{3\}}} end", @"\frac{\sqrt{2}}{\{3\}}" },
        { @"\fbox{42}", "42" },
        { @"\boxed 7 is it", "7" },
        { "She makes $18.\n#### 18", "18" },
        { "#### 1,234", "1,234" },
        { "The answer is 42.", "42" },
        { "The answer is $\\frac{3}{4}$ because of symmetry.", @"\frac{3}{4}" },
        { "Final Answer: The final answer is $5$. I hope it is correct.", "5" },
        { "Final answer: 3.5", "3.5" },
        { "After all that, **73** is what we get", "73" },
        { "Q: how many?\nA: 12", "12" },
        { @"\frac{1}{2}", @"\frac{1}{2}" },
        { "x = 5", "x = 5" },
        { "Monday", "Monday" },
        { "She had 3 apples and ate 1, so 2 remain", "2" },
        { "no numbers here at all", null },
        { "", null },
        { @"unbalanced \boxed{12", "12" },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Extracts_the_final_answer(string text, string? expected) =>
        Assert.Equal(expected, GradingAssert.Grader.ExtractAnswer(text));

    [Fact]
    public void Last_number_fallback_can_be_switched_off()
    {
        var strict = new MathGrader(new GraderOptions { AllowLastNumberFallback = false });
        Assert.Null(strict.ExtractAnswer("She had 3 apples and ate 1, so 2 remain"));
        Assert.Equal("2", strict.ExtractAnswer(@"so \boxed{2}"));
    }

    [Fact]
    public void Grade_reports_which_side_has_no_answer()
    {
        var r = GradingAssert.Grader.Grade("no answer in this gold text at all", "5");
        Assert.Equal(Verdict.Unparseable, r.Verdict);
        Assert.Equal(GradeSide.Gold, r.UnparseableSide);
        var r2 = GradingAssert.Grader.Grade("5", "");
        Assert.Equal(GradeSide.Pred, r2.UnparseableSide);
    }

    [Fact]
    public void Unparseable_answers_name_the_side()
    {
        var r = GradingAssert.Grader.CompareAnswers("5", @"\frac{");
        Assert.Equal(Verdict.Unparseable, r.Verdict);
        Assert.Equal(GradeSide.Pred, r.UnparseableSide);
        var both = GradingAssert.Grader.CompareAnswers("((", "))");
        Assert.Equal(GradeSide.Both, both.UnparseableSide);
    }

    [Fact]
    public void Text_answers_compare_as_text_when_not_math()
    {
        Assert.True(GradingAssert.Grader.CompareAnswers(@"\text{No solution}", "no solution").IsEquivalent);
        Assert.False(GradingAssert.Grader.CompareAnswers("yes", "no").IsEquivalent);
    }

    [Fact]
    public void Verdict_strings_match_the_cli_contract()
    {
        Assert.Equal("equivalent", GradingAssert.Grader.CompareAnswers("1", "1").VerdictText);
        Assert.Equal("not_equivalent", GradingAssert.Grader.CompareAnswers("1", "2").VerdictText);
        Assert.Equal("unparseable", GradingAssert.Grader.CompareAnswers("1", @"\frac{").VerdictText);
    }
}
