using Sift.Grading;

namespace Sift.Tests.Grading;

/// <summary>
/// The decimal comma (GraderOptions.DecimalComma, `sift grade --decimal-comma`): off by default,
/// because "1,22" is just as well a list of two answers; on, a whole answer "1,22" or "1{,}22" is 1.22
/// while three digits after the comma keep the thousands reading.
/// </summary>
public sealed class DecimalCommaTests
{
    private static readonly MathGrader Comma = new(new GraderOptions { DecimalComma = true });

    public static TheoryData<string, string, bool> WithOption => new()
    {
        { "1.22", "1,22", true },
        { "1.22", @"\boxed{1{,}22}", true },
        { "1.5", "$1,5$", true },
        { "-0.75", "-0,75", true },
        { "1.22", "1,23", false },
        { "1.22", "12,2", false },
        { "1225", "1,225", true },
        { "1.225", "1,225", false },
        { "1, 22", "1,22", false },
        { "(1,22)", "(1.22)", false },
    };

    public static TheoryData<string, string, bool> WithoutOption => new()
    {
        { "1.22", "1,22", false },
        { "1, 22", "1,22", true },
        { "1225", "1,225", true },
    };

    [Theory, MemberData(nameof(WithOption))]
    public void Decimal_comma_on(string gold, string pred, bool expected) =>
        Assert.True(Comma.Grade(gold, pred).IsEquivalent == expected, $"{gold} vs {pred}: {Comma.Grade(gold, pred)}");

    [Theory, MemberData(nameof(WithoutOption))]
    public void Decimal_comma_off(string gold, string pred, bool expected) => GradingAssert.Equivalence(gold, pred, expected);
}
