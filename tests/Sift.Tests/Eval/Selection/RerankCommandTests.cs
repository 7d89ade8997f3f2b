using System.Text.Json.Nodes;
using Sift.Eval.Selection;
using Sift.Tests.Data;

namespace Sift.Tests.Eval.Selection;

public sealed class RerankCommandTests
{
    private const string Good =
        """{"gold": "1/2", "problem": "Half of one?", "samples": [{"text": "so the answer is 0.5", "score": 0.2}, {"text": "The answer is \\boxed{\\frac{1}{2}}", "score": 0.9}, {"text": "#### 3", "score": 0.95}]}""" + "\n" +
        """{"gold": 7, "samples": [{"text": "x", "answer": "7", "score": 0.6}, {"text": "y", "answer": "8", "score": 0.7}, {"text": "no answer here", "score": 0.99}]}""" + "\n";

    private static int Run(params string[] args) => Sift.Cli.CommandCatalog.BuildRoot().Parse(["rerank", .. args]).Invoke();

    [Fact]
    public void Writes_the_json_report_and_extracts_missing_answers()
    {
        using var dir = new TempDirectory();
        var input = dir.File("s.jsonl", Good);
        var output = Path.Combine(dir.Path, "out.json");
        Assert.Equal(0, Run("--input", input, "--json", output, "--subsets", "4", "--seed", "3"));
        var json = JsonNode.Parse(File.ReadAllText(output))!.AsObject();
        Assert.Equal(2, json["n_problems"]!.GetValue<int>());
        Assert.Equal(["1", "2", "3"], json["strategies"]!["majority"]!.AsObject().Select(p => p.Key));
        // k = 3: majority picks "1/2" (0.5 and \frac{1}{2}) and "7" (a 1-1 tie, 7 first); best-of-n picks "3" and "8".
        Assert.Equal(1.0, json["strategies"]!["majority"]!["3"]!.GetValue<double>());
        Assert.Equal(0.0, json["strategies"]!["best_of_n"]!["3"]!.GetValue<double>());
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp*"));
    }

    [Fact]
    public void Malformed_rows_name_file_line_and_field_or_are_skipped_and_counted()
    {
        using var dir = new TempDirectory();
        var bad = dir.File("bad.jsonl", Good + """{"gold": "1", "samples": [{"text": "a"}, {"score": 0.5}]}""" + "\n" + "not json\n" + """{"samples": []}""" + "\n");
        var ex = Assert.Throws<InvalidDataException>(() => RerankInput.Read(bad));
        Assert.Equal($"{bad}:3: field \"samples[1].text\": missing", ex.Message);
        var read = RerankInput.Read(bad, skipInvalid: true);
        Assert.Equal((2, 3), (read.Problems.Count, read.InvalidRows));
        Assert.Contains(read.InvalidMessages, m => m.StartsWith($"{bad}:4: invalid JSON", StringComparison.Ordinal));
        Assert.Contains($"{bad}:5: field \"gold\": missing", read.InvalidMessages);

        foreach (var (row, message) in new[]
        {
            ("""{"gold": "1", "samples": {"text": "a"}}""", "field \"samples\": expected an array, found an object"),
            ("""{"gold": "1", "samples": []}""", "field \"samples\": empty (need at least one sample)"),
            ("""{"gold": "1", "samples": [{"text": "a", "score": "high"}]}""", "field \"samples[0].score\": expected a number, found a string"),
            ("""{"gold": "1", "samples": [{"text": "a", "score": -1e400}]}""", "field \"samples[0].score\": must be a finite number, got -1e400"),
            ("""{"gold": ["1"], "samples": [{"text": "a"}]}""", "field \"gold\": expected a string, found an array"),
            ("""{"gold": "1", "samples": [3]}""", "field \"samples[0]\": expected an object, found a number"),
        })
        {
            var file = dir.File("row.jsonl", row + "\n");
            Assert.Equal($"{file}:1: {message}", Assert.Throws<InvalidDataException>(() => RerankInput.Read(file)).Message);
        }

        var output = Path.Combine(dir.Path, "out.json");
        Assert.Equal(1, Run("--input", bad, "--json", output));
        Assert.False(File.Exists(output));
        Assert.Equal(0, Run("--input", bad, "--json", output, "--skip-invalid"));
        Assert.Equal(2, JsonNode.Parse(File.ReadAllText(output))!["n_problems"]!.GetValue<int>());
        Assert.Equal(1, Run("--input", Path.Combine(dir.Path, "missing.jsonl")));
        Assert.NotEqual(0, Run("--input", bad, "--top-k-clusters", "0"));
    }

    [Fact]
    public void Missing_scores_leave_majority_only_and_an_evaluator_directory_that_holds_no_model_is_an_error()
    {
        using var dir = new TempDirectory();
        var input = dir.File("unscored.jsonl", """{"gold": "2", "problem": "1+1?", "samples": [{"text": "#### 2"}, {"text": "#### 3", "score": 0.4}]}""" + "\n");
        var output = Path.Combine(dir.Path, "out.json");
        Assert.Equal(0, Run("--input", input, "--json", output));
        var strategies = JsonNode.Parse(File.ReadAllText(output))!["strategies"]!.AsObject();
        Assert.Equal(["majority"], strategies.Select(p => p.Key));
        Assert.Equal(1, Run("--input", input, "--evaluator", dir.Path)); // no model in that directory
        Assert.Equal("1+1?", RerankInput.Read(input).Problems[0].Problem);
        var gsm = dir.File("gsm.jsonl", """{"gold": "2", "question": "2?", "samples": [{"text": "#### 2", "score": 1}]}""" + "\n");
        Assert.Equal("2?", RerankInput.Read(gsm).Problems[0].Problem);
        Assert.Equal(0, Run("--input", gsm, "--evaluator", dir.Path)); // all scored: the evaluator is not needed
    }
}
