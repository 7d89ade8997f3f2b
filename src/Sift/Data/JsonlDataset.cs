using Sift.IO;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Sift.Data;

/// <summary>
/// Reads and writes math problems as JSON Lines. Reading streams line by line; a malformed row is an
/// <see cref="InvalidDataException"/> naming <c>file:line</c> and the field, unless skip-invalid is on,
/// in which case the row is counted and its reason kept (the first <see cref="MaxReasonsKept"/>).
/// Blank lines are not rows and are ignored.
/// </summary>
public static class JsonlDataset
{
    /// <summary>How many skip reasons a <see cref="JsonlReadResult"/> keeps.</summary>
    public const int MaxReasonsKept = 5;

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads every row of <paramref name="path"/> with <paramref name="map"/> (null: detect it from the first row).</summary>
    public static JsonlReadResult Read(string path, FieldMap? map = null, bool skipInvalid = false)
    {
        map ??= FieldMap.DetectFile(path);
        var problems = new List<MathProblem>();
        var reasons = new List<string>();
        var skipped = 0;
        foreach (var row in ReadRows(path, map))
        {
            if (row.Problem is { } problem)
            {
                problems.Add(problem);
            }
            else if (skipInvalid)
            {
                skipped++;
                if (reasons.Count < MaxReasonsKept)
                {
                    reasons.Add(row.Error!);
                }
            }
            else
            {
                throw new InvalidDataException(row.Error);
            }
        }
        return new JsonlReadResult(problems, skipped, reasons);
    }

    /// <summary>Streams the rows of <paramref name="path"/>; the first malformed row throws <see cref="InvalidDataException"/>.</summary>
    public static IEnumerable<MathProblem> Enumerate(string path, FieldMap map)
    {
        foreach (var row in ReadRows(path, map))
        {
            yield return row.Problem ?? throw new InvalidDataException(row.Error);
        }
    }

    /// <summary>
    /// Writes problems atomically in GSM8K form: <c>{"question": ..., "answer": solution}</c> where the
    /// answer ends in <c>#### N</c> (added from <see cref="MathProblem.Answer"/> when the solution lacks it).
    /// </summary>
    public static void WriteGsm8k(string path, IEnumerable<MathProblem> problems)
        => AtomicFile.WriteLines(path, problems.Select(p => JsonSerializer.Serialize(
            new Dictionary<string, string> { ["question"] = p.Question, ["answer"] = Gsm8kAnswerText(p) }, WriteOptions)));

    /// <summary>Writes one JSON object per item atomically, each serialised by System.Text.Json.</summary>
    public static void WriteRows<T>(string path, IEnumerable<T> rows)
        => AtomicFile.WriteLines(path, rows.Select(r => JsonSerializer.Serialize(r, WriteOptions)));

    /// <summary>The GSM8K <c>answer</c> field for a problem: its solution, ending in a <c>#### N</c> line.</summary>
    public static string Gsm8kAnswerText(MathProblem problem)
        => AnswerText.AfterHashes(problem.Solution) is not null
            ? problem.Solution
            : (problem.Solution.Length == 0 ? "" : problem.Solution.TrimEnd() + "\n") + "#### " + problem.Answer;

    private readonly record struct Row(MathProblem? Problem, string? Error);

    private static IEnumerable<Row> ReadRows(string path, FieldMap map)
    {
        using var reader = new StreamReader(path);
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            yield return ParseRow(path, lineNumber, line, map);
        }
    }

    private static Row ParseRow(string path, int lineNumber, string line, FieldMap map)
    {
        var where = $"{path}:{lineNumber}";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException e)
        {
            return new Row(null, $"{where}: invalid JSON: {e.Message}");
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new Row(null, $"{where}: row is a JSON {Kind(root.ValueKind)}, expected an object");
            }
            var questionParts = new List<string>();
            foreach (var field in map.QuestionFields)
            {
                if (RequireString(root, field, where, out var text) is { } error)
                {
                    return new Row(null, error);
                }
                questionParts.Add(text.Trim());
            }
            var question = string.Join(' ', questionParts.Where(p => p.Length > 0));
            if (question.Length == 0)
            {
                return new Row(null, $"{where}: field '{map.QuestionFields[0]}': empty");
            }
            var solution = "";
            if (map.SolutionField is { } solutionField && RequireString(root, solutionField, where, out solution) is { } solutionError)
            {
                return new Row(null, solutionError);
            }
            string? answer;
            switch (map.Rule)
            {
                case AnswerRule.AfterHashes:
                    answer = AnswerText.AfterHashes(solution);
                    if (answer is null)
                    {
                        return new Row(null, $"{where}: field '{map.SolutionField}': no '#### ' final answer line");
                    }
                    break;
                case AnswerRule.AnswerFieldOrLastBoxed:
                    if (map.AnswerField is { } optional && root.TryGetProperty(optional, out var given))
                    {
                        if (ScalarText(given) is not { } givenText)
                        {
                            return new Row(null, $"{where}: field '{optional}': not a string or number ({Kind(given.ValueKind)})");
                        }
                        answer = givenText;
                    }
                    else
                    {
                        answer = AnswerText.LastBoxed(solution);
                        if (answer is null)
                        {
                            return new Row(null, $"{where}: field '{map.SolutionField}': no \\boxed{{}} answer and no '{map.AnswerField ?? "answer"}' field");
                        }
                    }
                    break;
                case AnswerRule.AnswerField:
                    var answerField = map.AnswerField ?? throw new InvalidOperationException($"field map '{map.Name}' uses AnswerRule.AnswerField without an answer field");
                    if (!root.TryGetProperty(answerField, out var value))
                    {
                        return new Row(null, $"{where}: field '{answerField}': missing");
                    }
                    if (ScalarText(value) is not { } valueText)
                    {
                        return new Row(null, $"{where}: field '{answerField}': not a string or number ({Kind(value.ValueKind)})");
                    }
                    answer = AnswerText.DropUnit(valueText);
                    break;
                default:
                    answer = AnswerText.AfterHashes(solution) ?? AnswerText.LastBoxed(solution) ?? "";
                    break;
            }
            if (answer.Length == 0 && map.Rule != AnswerRule.FromResponse)
            {
                return new Row(null, $"{where}: field '{map.AnswerField ?? map.SolutionField}': empty answer");
            }
            var id = map.IdField is { } idField && root.TryGetProperty(idField, out var idValue) && ScalarText(idValue) is { } idText
                ? idText
                : $"{Path.GetFileName(path)}:{lineNumber}";
            return new Row(new MathProblem(id, question, solution, answer, map.Name), null);
        }
    }

    private static string? RequireString(JsonElement root, string field, string where, out string value)
    {
        value = "";
        if (!root.TryGetProperty(field, out var element))
        {
            return $"{where}: field '{field}': missing";
        }
        if (element.ValueKind != JsonValueKind.String)
        {
            return $"{where}: field '{field}': not a string ({Kind(element.ValueKind)})";
        }
        value = element.GetString()!;
        return null;
    }

    private static string? ScalarText(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()!.Trim(),
        JsonValueKind.Number => element.TryGetInt64(out var whole)
            ? whole.ToString(CultureInfo.InvariantCulture)
            : AnswerText.FormatNumber(element.GetDouble()),
        _ => null,
    };

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "undefined",
    };
}
