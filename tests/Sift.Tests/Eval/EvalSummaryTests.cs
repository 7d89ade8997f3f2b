using Sift.Eval;

namespace Sift.Tests.Eval;

public sealed class EvalSummaryTests
{
    private static GradedSample S(string? answer, bool correct) => new(answer is null ? "no answer" : $"#### {answer}", answer, correct ? "equivalent" : "not_equivalent", correct, true, 3);

    private static GradedProblem P(string gold, params GradedSample[] samples) => new("id-" + gold, "q", gold, "prompt", samples);

    [Fact]
    public void Greedy_majority_and_pass_at_k_match_hand_counts()
    {
        var grader = new SampleGrader();
        var greedy = new[]
        {
            P("4", S("4", true)),
            P("0.5", S("1/3", false)),
            P("10", S(null, false)),
        };
        var sampled = new[]
        {
            // 2 of 4 correct; "1/2" and "0.5" are equivalent, so the majority (3 votes with 2/4) is right.
            P("0.5", S("1/2", true), S("3", false), S("0.5", true), S("2/4", true)),
            // 1 of 4 correct; majority "7" (2 votes) is wrong.
            P("8", S("7", false), S("8", true), S("7", false), S(null, false)),
            // 0 of 4 correct.
            P("1", S("2", false), S("3", false), S("4", false), S("5", false)),
        };
        var report = EvalRunner.Summarize(3, greedy, sampled, 4, grader, 2.0, 600);
        Assert.Equal(1 / 3.0, report.GreedyAccuracy!.Value, 12);
        Assert.Equal(1 / 3.0, report.MajorityAccuracy!.Value, 12);
        // pass@1 = mean(c/n) = (3/4 + 1/4 + 0)/3; pass@2 = mean(1 - C(n-c,2)/C(n,2)) = (1 - 0/6 + 1 - 3/6 + 0)/3.
        Assert.Equal((0.75 + 0.25) / 3, report.PassAtK[1], 12);
        Assert.Equal((1 + 0.5) / 3, report.PassAtK[2], 12);
        Assert.Equal(2 / 3.0, report.PassAtK[4], 12);
        Assert.Equal(300, report.TokensPerSecond, 9);
        Assert.Equal(1.5, report.ProblemsPerSecond, 9);
    }

    [Fact]
    public void Majority_of_the_first_k_only()
    {
        var grader = new SampleGrader();
        var p = P("5", S("5", true), S("6", false), S("6", false));
        Assert.True(EvalRunner.MajorityCorrect(p, 1, grader));
        Assert.False(EvalRunner.MajorityCorrect(p, 3, grader));
    }

    [Fact]
    public void Pass_ks_are_powers_of_two_then_n()
    {
        Assert.Equal([1, 2, 4, 6], EvalRunner.PassKs(6));
        Assert.Equal([1], EvalRunner.PassKs(1));
    }

    [Fact]
    public void Samples_file_round_trips_and_names_line_and_field_on_errors()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("samples");
        var path = Path.Combine(dir, "s.jsonl");
        var rows = new[] { P("4", S("4", true), S(null, false)) with { Question = "2+2=<<2+2=4>>?" } };
        SampleFile.Write(path, rows);
        Assert.Contains("<<2+2=4>>", File.ReadAllText(path));
        var back = SampleFile.Read(path);
        Assert.Equal(rows[0].Samples, back[0].Samples);
        Assert.Equal(rows[0].Gold, back[0].Gold);
        File.AppendAllText(path, "{\"id\":\"x\",\"question\":\"q\",\"gold\":\"1\",\"samples\":[{\"text\":\"t\",\"correct\":\"yes\",\"annotations_ok\":true}]}\n");
        var e = Assert.Throws<InvalidDataException>(() => SampleFile.Read(path));
        Assert.Contains("s.jsonl:2:samples[0].correct", e.Message);
    }
}
