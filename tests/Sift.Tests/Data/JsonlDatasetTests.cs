using Sift.Data;

namespace Sift.Tests.Data;

public sealed class JsonlDatasetTests
{
    private const string Gsm8kRow = """{"question": "Ann has 3 bags of 4 apples. How many apples?", "answer": "3*4=<<3*4=12>>12\n#### 1,212"}""";

    [Fact]
    public void Reads_gsm8k_rows_with_answer_after_hashes_and_commas_stripped()
    {
        using var dir = new TempDirectory();
        var path = dir.File("a.jsonl", Gsm8kRow + "\n");
        var result = JsonlDataset.Read(path, FieldMap.Gsm8k);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("1212", problem.Answer);
        Assert.Equal("Ann has 3 bags of 4 apples. How many apples?", problem.Question);
        Assert.Contains("<<3*4=12>>", problem.Solution, StringComparison.Ordinal);
        Assert.Equal("gsm8k", problem.Source);
        Assert.Equal("a.jsonl:1", problem.Id);
    }

    [Fact]
    public void Blank_lines_are_not_rows_and_line_numbers_still_count_them()
    {
        using var dir = new TempDirectory();
        var path = dir.File("b.jsonl", "\n" + Gsm8kRow + "\n   \n\n{\"question\": 5, \"answer\": \"#### 1\"}\n");
        var e = Assert.Throws<InvalidDataException>(() => JsonlDataset.Read(path, FieldMap.Gsm8k));
        Assert.Equal($"{path}:5: field 'question': not a string (number)", e.Message);
    }

    [Theory]
    [InlineData("""{"answer": "#### 1"}""", "field 'question': missing")]
    [InlineData("""{"question": "q", "answer": 7}""", "field 'answer': not a string (number)")]
    [InlineData("""{"question": "q", "answer": "no final line"}""", "field 'answer': no '#### ' final answer line")]
    [InlineData("""{"question": "  ", "answer": "#### 1"}""", "field 'question': empty")]
    [InlineData("""[1, 2]""", "row is a JSON array, expected an object")]
    [InlineData("""{"question": "q", "answer": "#### 1" """, "invalid JSON")]
    public void Malformed_rows_name_file_line_and_field(string row, string expected)
    {
        using var dir = new TempDirectory();
        var path = dir.File("bad.jsonl", Gsm8kRow + "\n" + row + "\n");
        var e = Assert.Throws<InvalidDataException>(() => JsonlDataset.Read(path, FieldMap.Gsm8k));
        Assert.StartsWith($"{path}:2: {expected}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Skip_invalid_counts_rows_and_keeps_the_first_reasons()
    {
        using var dir = new TempDirectory();
        var lines = new List<string> { Gsm8kRow };
        for (var i = 0; i < 8; i++)
        {
            lines.Add("""{"question": "q"}""");
        }
        lines.Add("not json");
        lines.Add(Gsm8kRow);
        var path = dir.File("mixed.jsonl", string.Join("\n", lines));
        var result = JsonlDataset.Read(path, FieldMap.Gsm8k, skipInvalid: true);
        Assert.Equal(2, result.Problems.Count);
        Assert.Equal(9, result.SkippedCount);
        Assert.Equal(JsonlDataset.MaxReasonsKept, result.SkipReasons.Count);
        Assert.Equal($"{path}:2: field 'answer': missing", result.SkipReasons[0]);
    }

    [Fact]
    public void Enumerate_streams_and_throws_at_the_bad_row()
    {
        using var dir = new TempDirectory();
        var path = dir.File("s.jsonl", Gsm8kRow + "\n{oops\n");
        using var rows = JsonlDataset.Enumerate(path, FieldMap.Gsm8k).GetEnumerator();
        Assert.True(rows.MoveNext());
        Assert.Equal("1212", rows.Current.Answer);
        var e = Assert.Throws<InvalidDataException>(() => rows.MoveNext());
        Assert.StartsWith($"{path}:2: invalid JSON", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Math_rows_use_the_answer_field_or_else_the_last_boxed()
    {
        using var dir = new TempDirectory();
        var path = dir.File("m.jsonl",
            """{"problem": "p1", "solution": "so \\boxed{1} then \\boxed{\\frac{1}{2}}", "unique_id": "x/1"}""" + "\n" +
            """{"problem": "p2", "solution": "\\boxed{3}", "answer": "4"}""" + "\n" +
            """{"problem": "p3", "solution": "no box"}""" + "\n");
        var result = JsonlDataset.Read(path, FieldMap.Math, skipInvalid: true);
        Assert.Equal(["\\frac{1}{2}", "4"], result.Problems.Select(p => p.Answer));
        Assert.Equal("x/1", result.Problems[0].Id);
        Assert.Equal(1, result.SkippedCount);
        Assert.Contains("field 'solution': no \\boxed{} answer", result.SkipReasons[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_prompt_response_and_custom_fields()
    {
        using var dir = new TempDirectory();
        var generic = dir.File("g.jsonl", """{"prompt": "What is 2+2?", "response": "2+2=4\n#### 4"}""" + "\n");
        Assert.Equal("4", JsonlDataset.Read(generic, FieldMap.PromptResponse).Problems[0].Answer);
        var custom = dir.File("c.jsonl", """{"q": "Add 1 and 2.", "sol": "1+2=3", "gold": 3}""" + "\n");
        var map = FieldMap.Custom("q", "sol", "gold", AnswerRule.AnswerField);
        var problem = JsonlDataset.Read(custom, map).Problems[0];
        Assert.Equal(("Add 1 and 2.", "1+2=3", "3"), (problem.Question, problem.Solution, problem.Answer));
    }

    [Fact]
    public void Svamp_and_asdiv_style_answers_are_normalised()
    {
        using var dir = new TempDirectory();
        var svamp = dir.File("sv.jsonl", """{"Body": "There are 4 cats.", "Question": "How many?", "Answer": 145.0, "ID": "chal-1"}""" + "\n");
        var row = JsonlDataset.Read(svamp).Problems[0];
        Assert.Equal(("There are 4 cats. How many?", "145", "chal-1", "svamp"), (row.Question, row.Answer, row.Id, row.Source));
        var asdiv = dir.File("as.jsonl", """{"body": "Seven apples.", "question": "How many?", "answer": "9 (apples)"}""" + "\n");
        Assert.Equal("9", JsonlDataset.Read(asdiv).Problems[0].Answer);
    }

    [Fact]
    public void Detects_the_field_map_from_the_first_row()
    {
        using var dir = new TempDirectory();
        Assert.Same(FieldMap.Gsm8k, FieldMap.DetectFile(dir.File("1.jsonl", "\n" + Gsm8kRow)));
        Assert.Same(FieldMap.Math, FieldMap.DetectFile(dir.File("2.jsonl", """{"problem": "p", "solution": "s"}""")));
        Assert.Same(FieldMap.PromptResponse, FieldMap.DetectFile(dir.File("3.jsonl", """{"prompt": "p", "response": "s"}""")));
        Assert.Same(FieldMap.QueryResponse, FieldMap.DetectFile(dir.File("4.jsonl", """{"query": "p", "response": "s"}""")));
        var unknown = dir.File("5.jsonl", """{"foo": "p"}""");
        var e = Assert.Throws<InvalidDataException>(() => FieldMap.DetectFile(unknown));
        Assert.Contains($"{unknown}:1: cannot detect the field map from fields [foo]", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidDataException>(() => FieldMap.DetectFile(dir.File("6.jsonl", "\n\n")));
        Assert.Same(FieldMap.Asdiv, FieldMap.ByName("ASDIV"));
        Assert.Throws<ArgumentException>(() => FieldMap.ByName("nope"));
    }

    [Fact]
    public void Writes_gsm8k_atomically_and_reads_back_identically()
    {
        using var dir = new TempDirectory();
        var problems = new[]
        {
            new MathProblem("1", "Jo has \"5\" pens\nand a \u2019quote\u2019.", "5*2=<<5*2=10>>10\n#### 10", "10", "t"),
            new MathProblem("2", "No solution line.", "It is 7.", "7", "t"),
        };
        var path = Path.Combine(dir.Path, "sub", "out.jsonl");
        JsonlDataset.WriteGsm8k(path, problems);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no temp file left behind
        var back = JsonlDataset.Read(path, FieldMap.Gsm8k).Problems;
        Assert.Equal(problems[0].Question, back[0].Question);
        Assert.Equal(problems[0].Solution, back[0].Solution);
        Assert.Equal("It is 7.\n#### 7", back[1].Solution);
        Assert.Equal(["10", "7"], back.Select(p => p.Answer));
    }

    [Fact]
    public void Failed_atomic_write_keeps_the_old_file_and_leaves_no_temp()
    {
        using var dir = new TempDirectory();
        var path = dir.File("keep.jsonl", "old\n");
        Assert.Throws<InvalidOperationException>(() => Sift.IO.AtomicFile.WriteText(path, w =>
        {
            w.Write("partial");
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("old\n", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Theory]
    [InlineData("x \\boxed{a{b}c} y", "a{b}c")]
    [InlineData("\\boxed{1} and \\boxed{\\frac{3}{4}}", "\\frac{3}{4}")]
    [InlineData("\\boxed{\\{1,2\\}}", "\\{1,2\\}")]
    [InlineData("\\fbox{7}", "7")]
    [InlineData("\\boxed 5$", "5")]
    [InlineData("\\boxed{unclosed", null)]
    [InlineData("nothing", null)]
    public void Last_boxed_matches_braces(string text, string? expected)
        => Assert.Equal(expected, AnswerText.LastBoxed(text));
}
