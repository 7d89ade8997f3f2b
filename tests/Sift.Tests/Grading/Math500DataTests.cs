using Sift.Grading;
using Xunit.Abstractions;

namespace Sift.Tests.Grading;

/// <summary>Acceptance checks on ../shared/data/math500/test.jsonl (reported as skipped when absent).</summary>
public sealed class Math500DataTests
{
    private readonly ITestOutputHelper _out;

    public Math500DataTests(ITestOutputHelper output) { _out = output; }

    /// <summary>
    /// Consecutive-row answer pairs that are genuinely equal, with the reason. The test fails if the
    /// grader judges any other consecutive pair equivalent, or stops accepting one of these.
    /// </summary>
    public static readonly (string Answer, string Next, string Why)[] GenuinelyEqualPairs =
    [
        ("5", "x=5", "the next answer names the unknown: x = 5 has value 5 (a predicted equation with a lone variable on the left is compared by its right-hand side)"),
        ("7", "7", "identical answers to two different problems"),
        ("3", "3", "identical answers to two different problems"),
    ];

    private static List<(string Answer, string Solution)> Load()
    {
        var path = Sift.Tests.Support.Requires.SharedDataFile(Path.Combine("math500", "test.jsonl"));
        return Sift.IO.JsonlReader.ReadAll(path).Select(r => ((string)r.Object["answer"]!, (string)r.Object["solution"]!)).ToList();
    }

    [SkippableFact]
    public void Last_boxed_answer_of_every_solution_matches_the_answer_field()
    {
        var rows = Load();
        var failures = new List<string>();
        foreach (var (answer, solution) in rows)
        {
            var r = GradingAssert.Grader.Grade(answer, solution);
            if (!r.IsEquivalent) failures.Add($"{answer} vs [{r.PredAnswer}]: {r.Verdict} {r.Reason}");
        }
        _out.WriteLine($"MATH-500 boxed answers judged equivalent: {rows.Count - failures.Count}/{rows.Count}");
        Assert.Equal(500, rows.Count);
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [SkippableFact]
    public void Consecutive_answers_are_not_equivalent_except_listed_genuine_pairs()
    {
        var rows = Load();
        var judgedEqual = new List<(string, string)>();
        for (int i = 0; i < rows.Count; i++)
        {
            var a = rows[i].Answer;
            var b = rows[(i + 1) % rows.Count].Answer;
            var r = GradingAssert.Grader.CompareAnswers(a, b);
            Assert.NotEqual(Verdict.TimedOut, r.Verdict);
            if (r.IsEquivalent) judgedEqual.Add((a, b));
        }
        double fraction = 1 - judgedEqual.Count / (double)rows.Count;
        _out.WriteLine($"MATH-500 consecutive pairs judged not equivalent: {rows.Count - judgedEqual.Count}/{rows.Count} ({fraction:P1})");
        Assert.True(fraction >= 0.99, $"only {fraction:P2} judged not equivalent");
        var listed = GenuinelyEqualPairs.Select(p => (p.Answer, p.Next)).ToList();
        Assert.Equal(listed.OrderBy(x => x.Answer + "|" + x.Next), judgedEqual.OrderBy(x => x.Item1 + "|" + x.Item2));
    }
}
