using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Grading;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift grade --audit FILE`: grades a labelled JSONL file ({gold, pred, expected[, category]}) and
/// counts, per category and in total, false negatives (expected equivalent, judged not equivalent),
/// false positives (expected not equivalent, judged equivalent) and unparseable answers (unparseable or
/// timed out, whatever the label) separately. With a reference field (another grader's verdict in
/// the same rows) the same counts are made for that grader. Disagreements (rows this grader gets
/// wrong, or where it differs from the reference) are written as JSONL, atomically. A file with any
/// invalid row is rejected as a whole, each error naming file, line and field: an audit of a partly
/// read file would report rates for data nobody chose.
/// </summary>
public static class GradeAudit
{
    private sealed record Row(int Line, JsonObject Json, string Gold, string Pred, bool Expected, string Category, bool? Reference, bool ReferenceUnparseable);

    private sealed class Tally
    {
        public int Rows, Positives, Negatives, FalseNegatives, FalsePositives, Unparseable;
        public int RefFalseNegatives, RefFalsePositives, RefUnparseable, DiffersFromReference;

        public void Add(Row row, GradeResult r)
        {
            Rows++;
            if (row.Expected) Positives++; else Negatives++;
            switch (Classify(row.Expected, r.Verdict))
            {
                case "false_negative": FalseNegatives++; break;
                case "false_positive": FalsePositives++; break;
                case "unparseable": Unparseable++; break;
            }
            if (row.Reference is { } rv || row.ReferenceUnparseable)
            {
                if (row.ReferenceUnparseable) RefUnparseable++;
                else if (row.Expected && row.Reference == false) RefFalseNegatives++;
                else if (!row.Expected && row.Reference == true) RefFalsePositives++;
                bool ours = r.Verdict == Verdict.Equivalent;
                if (row.ReferenceUnparseable ? ours : row.Reference != ours) DiffersFromReference++;
            }
        }
    }

    private static readonly JsonSerializerOptions OutputJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>"false_negative", "false_positive", "unparseable" or "correct".</summary>
    public static string Classify(bool expected, Verdict verdict) => verdict switch
    {
        Verdict.Unparseable or Verdict.TimedOut => "unparseable",
        Verdict.Equivalent => expected ? "correct" : "false_positive",
        _ => expected ? "false_negative" : "correct",
    };

    public static int Run(MathGrader grader, string path, string? disagreementsPath, string? referenceField, TextWriter stdout, TextWriter stderr)
    {
        if (!File.Exists(path))
        {
            stderr.WriteLine($"{path}: file not found");
            return 1;
        }
        var rows = new List<Row>();
        var errors = new List<string>();
        int lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            var row = ParseRow(line, lineNumber, referenceField, out var error);
            if (row is null) errors.Add($"{path}:{lineNumber}: {error}");
            else rows.Add(row);
        }
        if (errors.Count > 0)
        {
            foreach (var e in errors) stderr.WriteLine(e);
            stderr.WriteLine($"{path}: {errors.Count} invalid row(s); nothing audited");
            return 1;
        }

        var results = new GradeResult[rows.Count];
        Parallel.For(0, rows.Count, i => results[i] = grader.Grade(rows[i].Gold, rows[i].Pred));

        var byCategory = new SortedDictionary<string, Tally>(StringComparer.Ordinal);
        var total = new Tally();
        for (int i = 0; i < rows.Count; i++)
        {
            if (!byCategory.TryGetValue(rows[i].Category, out var t)) byCategory[rows[i].Category] = t = new Tally();
            t.Add(rows[i], results[i]);
            total.Add(rows[i], results[i]);
        }
        Print(stdout, byCategory, total, referenceField);
        if (disagreementsPath is not null) WriteDisagreements(disagreementsPath, rows, results, referenceField);
        return 0;
    }

    private static void Print(TextWriter w, SortedDictionary<string, Tally> byCategory, Tally total, string? referenceField)
    {
        string header = $"{"category",-24} {"rows",5} {"pos",5} {"neg",5} {"FN",4} {"FP",4} {"unparsed",8} {"FN rate",8} {"FP rate",8}";
        if (referenceField is not null) header += $" | {"ref FN",6} {"ref FP",6} {"ref unp",7} {"differ",6}";
        w.WriteLine(header);
        foreach (var (name, t) in byCategory) w.WriteLine(Line(name, t, referenceField));
        w.WriteLine(Line("total", total, referenceField));
        w.WriteLine($"false negatives {total.FalseNegatives}/{total.Positives}, false positives {total.FalsePositives}/{total.Negatives}, unparseable {total.Unparseable}/{total.Rows}");
        if (referenceField is not null)
            w.WriteLine($"reference `{referenceField}`: false negatives {total.RefFalseNegatives}/{total.Positives}, false positives {total.RefFalsePositives}/{total.Negatives}, unparseable {total.RefUnparseable}/{total.Rows}; differs from this grader on {total.DiffersFromReference}");
    }

    private static string Line(string name, Tally t, string? referenceField)
    {
        var s = $"{name,-24} {t.Rows,5} {t.Positives,5} {t.Negatives,5} {t.FalseNegatives,4} {t.FalsePositives,4} {t.Unparseable,8} {Rate(t.FalseNegatives, t.Positives),8} {Rate(t.FalsePositives, t.Negatives),8}";
        if (referenceField is not null) s += $" | {t.RefFalseNegatives,6} {t.RefFalsePositives,6} {t.RefUnparseable,7} {t.DiffersFromReference,6}";
        return s;
    }

    private static string Rate(int k, int n) => n == 0 ? "-" : (100.0 * k / n).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private static void WriteDisagreements(string outputPath, List<Row> rows, GradeResult[] results, string? referenceField)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(outputPath))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, "." + Path.GetFileName(outputPath) + ".tmp");
        using (var writer = new StreamWriter(tmp, false, new System.Text.UTF8Encoding(false)))
        {
            for (int i = 0; i < rows.Count; i++)
            {
                var row = rows[i];
                var r = results[i];
                var kind = Classify(row.Expected, r.Verdict);
                bool ours = r.Verdict == Verdict.Equivalent;
                bool hasRef = row.Reference is not null || row.ReferenceUnparseable;
                bool differs = hasRef && (row.ReferenceUnparseable ? ours : row.Reference != ours);
                if (kind == "correct" && !differs) continue;
                var o = (JsonObject)row.Json.DeepClone();
                o["line"] = row.Line;
                o["kind"] = kind;
                o["verdict"] = r.VerdictText;
                o["reason"] = r.Reason;
                o["gold_answer"] = r.GoldAnswer;
                o["pred_answer"] = r.PredAnswer;
                if (hasRef) o["differs_from_reference"] = differs;
                writer.WriteLine(o.ToJsonString(OutputJson));
            }
        }
        File.Move(tmp, outputPath, overwrite: true);
    }

    private static Row? ParseRow(string line, int lineNumber, string? referenceField, out string? firstError)
    {
        firstError = null;
        string? error = null;
        JsonNode? node;
        try { node = JsonNode.Parse(line); }
        catch (JsonException ex) { firstError = "malformed JSON: " + ex.Message; return null; }
        if (node is not JsonObject obj) { firstError = "row is not a JSON object"; return null; }
        string? Str(string field, bool required)
        {
            if (!obj.TryGetPropertyValue(field, out var v) || v is null)
            {
                if (required) error ??= $"field `{field}`: missing";
                return null;
            }
            if (v.GetValueKind() != JsonValueKind.String) { error ??= $"field `{field}`: not a string"; return null; }
            return (string)v!;
        }
        var gold = Str("gold", true);
        var pred = Str("pred", true);
        var category = Str("category", false) ?? "(none)";
        bool expected = false;
        if (!obj.TryGetPropertyValue("expected", out var ev) || ev is null) error ??= "field `expected`: missing";
        else if (ev.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False)) error ??= "field `expected`: not true or false";
        else expected = ev.GetValue<bool>();
        bool? reference = null;
        bool refUnparseable = false;
        if (referenceField is not null)
        {
            if (!obj.TryGetPropertyValue(referenceField, out var rv) || rv is null) error ??= $"field `{referenceField}`: missing";
            else if (rv.GetValueKind() is JsonValueKind.True or JsonValueKind.False) reference = rv.GetValue<bool>();
            else if (rv.GetValueKind() == JsonValueKind.String && (string)rv! is { } text)
            {
                switch (text)
                {
                    case "equivalent": reference = true; break;
                    case "not_equivalent": reference = false; break;
                    case "unparseable" or "timeout": refUnparseable = true; break;
                    default: error ??= $"field `{referenceField}`: \"{text}\" is not true, false, equivalent, not_equivalent, unparseable or timeout"; break;
                }
            }
            else error ??= $"field `{referenceField}`: not a verdict (true, false or a verdict string)";
        }
        firstError = error;
        if (error is not null) return null;
        return new Row(lineNumber, obj, gold!, pred!, expected, category, reference, refUnparseable);
    }
}
