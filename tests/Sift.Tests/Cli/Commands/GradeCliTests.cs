using System.Text.Json.Nodes;
using Sift.Cli.Commands;
using Sift.Grading;

namespace Sift.Tests.Cli.Commands;

/// <summary>`sift grade`: single pairs, JSONL files with malformed lines, the command wiring.</summary>
[Collection("Console")]
public sealed class GradeCliTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sift-grade-" + Guid.NewGuid().ToString("N"));

    public GradeCliTests() { Directory.CreateDirectory(_dir); }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Jsonl_rows_get_answers_and_verdicts_and_malformed_lines_are_reported()
    {
        var input = Path.Combine(_dir, "pairs.jsonl");
        File.WriteAllLines(input,
        [
            """{"id": 1, "gold": "\\frac{1}{2}", "pred": "The answer is 0.5."}""",
            """{"gold": "#### 18", "pred": "so 19"}""",
            "{not json",
            """{"gold": "5"}""",
            """{"gold": 5, "pred": "5"}""",
            "",
            """{"gold": "1", "pred": "\\frac{"}""",
        ]);
        var output = Path.Combine(_dir, "out", "graded.jsonl");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = GradeJsonl.Run(new MathGrader(), input, output, stdout, stderr);
        Assert.Equal(0, code);

        var rows = Sift.IO.JsonlReader.ReadAll(output).Select(r => r.Object).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Equal(1, (int)rows[0]["id"]!);
        Assert.Equal("equivalent", (string)rows[0]["verdict"]!);
        Assert.Equal(@"\frac{1}{2}", (string)rows[0]["gold_answer"]!);
        Assert.Equal("0.5", (string)rows[0]["pred_answer"]!);
        Assert.Equal("not_equivalent", (string)rows[1]["verdict"]!);
        Assert.Equal("unparseable", (string)rows[2]["verdict"]!);

        var errors = stderr.ToString();
        Assert.Contains("pairs.jsonl:3:", errors);
        Assert.Contains("pairs.jsonl:4: missing field `pred`", errors);
        Assert.Contains("pairs.jsonl:5: field `gold` is not a string", errors);
        var summary = stdout.ToString();
        Assert.Contains("equivalent 1, not_equivalent 1, unparseable 1, timeout 0, malformed lines 3", summary);
        Assert.Contains("pairs/s", summary);
        Assert.False(File.Exists(Path.Combine(_dir, "out", ".graded.jsonl.tmp")));
    }

    [Fact]
    public void Audit_counts_false_negatives_false_positives_and_unparseable_by_category_and_writes_disagreements()
    {
        var input = Path.Combine(_dir, "labelled.jsonl");
        File.WriteAllLines(input,
        [
            """{"gold": "(3,2)", "pred": "\\boxed{(p,q)=(3,2)}", "expected": true, "category": "label", "mv": true}""",
            """{"gold": "(3,2)", "pred": "\\boxed{(p,q)=(2,3)}", "expected": false, "category": "label", "mv": "not_equivalent"}""",
            """{"gold": "5", "pred": "\\boxed{m+n=5}", "expected": true, "category": "label", "mv": "equivalent"}""",
            """{"gold": "1", "pred": "\\boxed{2}", "expected": true, "mv": false}""",
            """{"gold": "3", "pred": "\\boxed{3}", "expected": false, "category": "mislabelled", "mv": true}""",
            """{"gold": "1", "pred": "\\frac{", "expected": true, "category": "broken", "mv": "unparseable"}""",
        ]);
        var output = Path.Combine(_dir, "out", "disagreements.jsonl");
        var stdout = new StringWriter();
        int code = GradeAudit.Run(new MathGrader(), input, output, "mv", stdout, new StringWriter());
        Assert.Equal(0, code);
        var text = stdout.ToString();
        Assert.True(text.Contains("false negatives 2/4, false positives 1/2, unparseable 1/6", StringComparison.Ordinal), text);
        Assert.Contains("reference `mv`: false negatives 1/4, false positives 1/2, unparseable 1/6; differs from this grader on 1", text);
        Assert.Matches(@"label\s+3\s+2\s+1\s+1\s+0\s+0\s+50\.0%\s+0\.0%", text);
        Assert.Matches(@"\(none\)\s+1\s+1\s+0\s+1\s+0", text);

        var rows = Sift.IO.JsonlReader.ReadAll(output).Select(r => r.Object).ToList();
        Assert.Equal(["false_negative", "false_negative", "false_positive", "unparseable"], rows.Select(r => (string)r["kind"]!));
        Assert.Equal(3, (int)rows[0]["line"]!);
        Assert.True((bool)rows[0]["differs_from_reference"]!);
        Assert.Equal("5", (string)rows[0]["gold_answer"]!);
        Assert.False(File.Exists(Path.Combine(_dir, "out", ".disagreements.jsonl.tmp")));
    }

    [Fact]
    public void Audit_rejects_a_file_with_invalid_rows_naming_file_line_and_field()
    {
        var input = Path.Combine(_dir, "bad.jsonl");
        File.WriteAllLines(input,
        [
            """{"gold": "1", "pred": "1", "expected": true}""",
            """{"gold": "1", "pred": "1"}""",
            """{"gold": "1", "pred": "1", "expected": "yes"}""",
            """{"gold": "1", "pred": 1, "expected": true}""",
            """{"gold": "1", "pred": "1", "expected": true, "category": 3}""",
            """{"gold": "1", "pred": "1", "expected": true, "ref": "maybe"}""",
            "[1]",
        ]);
        var output = Path.Combine(_dir, "dis.jsonl");
        var stderr = new StringWriter();
        int code = GradeAudit.Run(new MathGrader(), input, output, "ref", new StringWriter(), stderr);
        Assert.Equal(1, code);
        var errors = stderr.ToString();
        Assert.Contains("bad.jsonl:1: field `ref`: missing", errors);
        Assert.Contains("bad.jsonl:2: field `expected`: missing", errors);
        Assert.Contains("bad.jsonl:3: field `expected`: not true or false", errors);
        Assert.Contains("bad.jsonl:4: field `pred`: not a string", errors);
        Assert.Contains("bad.jsonl:5: field `category`: not a string", errors);
        Assert.Contains("bad.jsonl:6: field `ref`: \"maybe\" is not", errors);
        Assert.Contains("bad.jsonl:7: row is not a JSON object", errors);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Grade_command_wires_audit_reference_field_and_decimal_comma()
    {
        var input = Path.Combine(_dir, "a.jsonl");
        File.WriteAllLines(input,
        [
            """{"gold": "1.22", "pred": "1,22", "expected": true, "other": "equivalent"}""",
            """{"gold": "2:3", "pred": "3:2", "expected": false, "other": true}""",
        ]);
        var output = Path.Combine(_dir, "dis.jsonl");
        var root = Sift.Cli.CommandCatalog.BuildRoot();
        var original = Console.Out;
        var sw = new StringWriter();
        try
        {
            Console.SetOut(sw);
            Assert.Equal(0, root.Parse(["grade", "--audit", input, "--reference-field", "other", "--output", output]).Invoke());
            Assert.Equal(0, root.Parse(["grade", "--gold", "1.22", "--pred", "1,22", "--decimal-comma"]).Invoke());
        }
        finally { Console.SetOut(original); }
        var text = sw.ToString();
        Assert.Contains("false negatives 1/1, false positives 0/1, unparseable 0/2", text);
        Assert.Contains("reference `other`: false negatives 0/1, false positives 1/1", text);
        Assert.Contains("verdict: equivalent", text);
        var rows = Sift.IO.JsonlReader.ReadAll(output).Select(r => r.Object).ToList();
        Assert.Equal(2, rows.Count); // our false negative, and the row where the reference differs
        Assert.Equal("correct", (string)rows[1]["kind"]!);
    }

    [Fact]
    public void Missing_input_file_is_a_clear_error()
    {
        var stderr = new StringWriter();
        int code = GradeJsonl.Run(new MathGrader(), Path.Combine(_dir, "nope.jsonl"), null, new StringWriter(), stderr);
        Assert.Equal(1, code);
        Assert.Contains("nope.jsonl: file not found", stderr.ToString());
    }

    [Fact]
    public void Grade_command_is_registered_with_its_options()
    {
        var root = Sift.Cli.CommandCatalog.BuildRoot();
        var grade = Assert.Single(root.Subcommands, c => c.Name == "grade");
        foreach (var name in new[] { "--gold", "--pred", "--input", "--output", "--bench-math500", "--audit", "--reference-field", "--decimal-comma" })
            Assert.Contains(grade.Options, o => o.Name == name);
    }

    [Fact]
    public void Grade_command_prints_the_verdict_for_one_pair()
    {
        var root = Sift.Cli.CommandCatalog.BuildRoot();
        var original = Console.Out;
        var sw = new StringWriter();
        try
        {
            Console.SetOut(sw);
            int code = root.Parse(["grade", "--gold", "x = 5", "--pred", @"so \boxed{5}"]).Invoke();
            Assert.Equal(0, code);
        }
        finally { Console.SetOut(original); }
        var text = sw.ToString();
        Assert.Contains("verdict: equivalent", text);
        Assert.Contains("gold_answer: x = 5", text);
        Assert.Contains("pred_answer: 5", text);
    }
}
