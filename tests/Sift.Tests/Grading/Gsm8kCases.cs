namespace Sift.Tests.Grading;

/// <summary>GSM8K-style gold solutions ("#### N") against model responses.</summary>
public sealed class Gsm8kCases
{
    private const string Gold = "Janet sells 16 - 3 - 4 = <<16-3-4=9>>9 duck eggs a day.\nShe makes 9 * 2 = $<<9*2=18>>18 every day at the farmer’s market.\n#### 18";

    public static TheoryData<string, string, bool> Cases => new()
    {
        { Gold, "She sells 9 eggs at $2 each, so she makes $18 every day.", true },
        { Gold, "She sells 9 eggs at $2 each. The answer is 18.", true },
        { Gold, "The answer is $18.00.", true },
        { Gold, "#### 18", true },
        { Gold, "She makes 18 dollars a day. #### 18", true },
        { Gold, @"So the answer is \boxed{18}.", true },
        { Gold, "She sells 9 eggs, so she makes 9 * 2 = 20 dollars. The answer is 20.", false },
        { Gold, "She eats 3 and bakes 4, so 16 - 7 = 9 eggs remain.", false },
        { "#### 1,234", "1234", true },
        { "#### 1,234", "1,235", false },
        { "#### -3", "The temperature dropped to -3 degrees.", true },
        { "#### 0.5", "Each gets 1/2 of a pizza.", true },
        { "#### 25", "**25**", true },
        { "#### 25", "A: 25", true },
        { "#### 25", "Answer: 25 cookies", true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Gsm8k_style(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
