using Sift.Grading;

namespace Sift.Tests.Grading;

/// <summary>Shared grader and a helper that explains a failing case.</summary>
internal static class GradingAssert
{
    public static MathGrader Grader { get; } = new();

    public static void Equivalence(string gold, string pred, bool expected)
    {
        var r = Grader.Grade(gold, pred);
        bool actual = r.Verdict == Verdict.Equivalent;
        Assert.True(actual == expected,
            $"gold={gold} pred={pred}: expected {(expected ? "equivalent" : "not equivalent")}, got {r.Verdict} ({r.Reason}); extracted [{r.GoldAnswer}] vs [{r.PredAnswer}]");
    }
}
