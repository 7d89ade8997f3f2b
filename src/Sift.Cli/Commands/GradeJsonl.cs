using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Grading;

namespace Sift.Cli.Commands;

/// <summary>
/// Grades a JSONL file of {gold, pred} rows. Each row is written back with gold_answer, pred_answer
/// and verdict added; malformed lines are reported (file:line: why) and skipped; a summary line with
/// counts and pairs/s ends the run. Rows are graded in parallel; output order is input order.
/// </summary>
public static class GradeJsonl
{
    private sealed record Row(int LineNumber, JsonObject? Json, string? Error);

    // Keep LaTeX readable in the output (no \u002B for '+'); the output is a data file, not HTML.
    private static readonly JsonSerializerOptions OutputJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static int Run(MathGrader grader, string inputPath, string? outputPath, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(inputPath))
        {
            stderr.WriteLine($"{inputPath}: file not found");
            return 1;
        }
        var rows = new List<Row>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(inputPath))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            rows.Add(ParseRow(line, lineNumber));
        }

        var sw = Stopwatch.StartNew();
        var results = new GradeResult?[rows.Count];
        Parallel.For(0, rows.Count, i =>
        {
            var row = rows[i];
            if (row.Json is null) return;
            results[i] = grader.Grade((string)row.Json["gold"]!, (string)row.Json["pred"]!);
        });
        sw.Stop();

        var counts = new Dictionary<string, int> { ["equivalent"] = 0, ["not_equivalent"] = 0, ["unparseable"] = 0, ["timeout"] = 0 };
        int malformed = 0;
        string? tmp = null;
        TextWriter writer = stdout;
        if (outputPath is not null)
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
            Directory.CreateDirectory(dir);
            tmp = Path.Combine(dir, "." + Path.GetFileName(outputPath) + ".tmp");
            writer = new StreamWriter(tmp, false, new System.Text.UTF8Encoding(false));
        }
        try
        {
            for (int i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                if (row.Json is null)
                {
                    malformed++;
                    stderr.WriteLine($"{inputPath}:{row.LineNumber}: {row.Error}");
                    continue;
                }
                var r = results[i]!;
                row.Json["gold_answer"] = r.GoldAnswer;
                row.Json["pred_answer"] = r.PredAnswer;
                row.Json["verdict"] = r.VerdictText;
                counts[r.VerdictText]++;
                writer.WriteLine(row.Json.ToJsonString(OutputJson));
            }
        }
        finally
        {
            if (tmp is not null) writer.Dispose();
        }
        if (tmp is not null) File.Move(tmp, outputPath!, overwrite: true);

        int graded = rows.Count - malformed;
        double rate = graded / Math.Max(sw.Elapsed.TotalSeconds, 1e-9);
        var summary = $"graded {graded} pairs: equivalent {counts["equivalent"]}, not_equivalent {counts["not_equivalent"]}, unparseable {counts["unparseable"]}, timeout {counts["timeout"]}, malformed lines {malformed}; {rate:F0} pairs/s";
        (outputPath is null ? stderr : stdout).WriteLine(summary);
        return 0;
    }

    private static Row ParseRow(string line, int lineNumber)
    {
        JsonNode? node;
        try { node = JsonNode.Parse(line); }
        catch (JsonException ex) { return new Row(lineNumber, null, "malformed JSON: " + ex.Message); }
        if (node is not JsonObject obj) return new Row(lineNumber, null, "row is not a JSON object");
        foreach (var field in new[] { "gold", "pred" })
        {
            if (!obj.TryGetPropertyValue(field, out var v) || v is null) return new Row(lineNumber, null, $"missing field `{field}`");
            if (v.GetValueKind() != JsonValueKind.String) return new Row(lineNumber, null, $"field `{field}` is not a string");
        }
        return new Row(lineNumber, obj, null);
    }
}
