using System.Text.Json;

namespace Sift.Data;

/// <summary>
/// Which JSON fields of a row hold the question, the solution and the answer, and how the gold
/// answer is found. Presets cover the datasets under <c>../shared/data</c>; <see cref="Custom"/> covers the rest.
/// </summary>
/// <param name="Name">Preset or dataset name; becomes <see cref="MathProblem.Source"/>.</param>
/// <param name="QuestionFields">Fields joined with a space to form the question (SVAMP: <c>Body</c> + <c>Question</c>).</param>
/// <param name="SolutionField">Solution field, or null when the set has none.</param>
/// <param name="AnswerField">Answer field, or null when the answer comes from the solution.</param>
/// <param name="Rule">How the gold answer is found.</param>
/// <param name="IdField">Optional id field (string or number); rows without it get <c>file:line</c>.</param>
public sealed record FieldMap(
    string Name,
    IReadOnlyList<string> QuestionFields,
    string? SolutionField,
    string? AnswerField,
    AnswerRule Rule,
    string? IdField = null)
{
    /// <summary>GSM8K: <c>question</c>, <c>answer</c> (solution with <c>#### N</c>).</summary>
    public static FieldMap Gsm8k { get; } = new("gsm8k", ["question"], "answer", null, AnswerRule.AfterHashes);

    /// <summary>MATH / MATH-500: <c>problem</c>, <c>solution</c>, optional <c>answer</c>.</summary>
    public static FieldMap Math { get; } = new("math", ["problem"], "solution", "answer", AnswerRule.AnswerFieldOrLastBoxed, "unique_id");

    /// <summary>Generic <c>prompt</c>/<c>response</c>.</summary>
    public static FieldMap PromptResponse { get; } = new("prompt-response", ["prompt"], "response", null, AnswerRule.FromResponse);

    /// <summary>The RFT code's SFT files: <c>query</c>/<c>response</c> (Yuan et al. 2023).</summary>
    public static FieldMap QueryResponse { get; } = new("query-response", ["query"], "response", null, AnswerRule.FromResponse);

    /// <summary>SVAMP: <c>Body</c> + <c>Question</c>, numeric <c>Answer</c>.</summary>
    public static FieldMap Svamp { get; } = new("svamp", ["Body", "Question"], null, "Answer", AnswerRule.AnswerField, "ID");

    /// <summary>ASDiv: <c>body</c> + <c>question</c>, <c>answer</c> like <c>"9 (apples)"</c>.</summary>
    public static FieldMap Asdiv { get; } = new("asdiv", ["body", "question"], null, "answer", AnswerRule.AnswerField);

    /// <summary>The presets by name (<c>gsm8k</c>, <c>math</c>, <c>prompt-response</c>, <c>query-response</c>, <c>svamp</c>, <c>asdiv</c>).</summary>
    public static IReadOnlyList<FieldMap> Presets { get; } = [Gsm8k, Math, PromptResponse, QueryResponse, Svamp, Asdiv];

    /// <summary>A map with custom field names.</summary>
    public static FieldMap Custom(string questionField, string? solutionField, string? answerField, AnswerRule rule, string name = "custom")
        => new(name, [questionField], solutionField, answerField, rule);

    /// <summary>A preset by name (case-insensitive), or an <see cref="ArgumentException"/> listing the names.</summary>
    public static FieldMap ByName(string name)
        => Presets.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new ArgumentException($"unknown field map '{name}'; known: {string.Join(", ", Presets.Select(p => p.Name))}", nameof(name));

    /// <summary>
    /// Picks the preset whose fields the row has (first row of a file), or null when none fits.
    /// GSM8K wins over generic names only when its answer carries a <c>#### </c> line.
    /// </summary>
    public static FieldMap? Detect(JsonElement row)
    {
        if (row.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        bool Has(string field) => row.TryGetProperty(field, out _);
        bool IsString(string field) => row.TryGetProperty(field, out var v) && v.ValueKind == JsonValueKind.String;
        if (IsString("question") && IsString("answer") && row.GetProperty("answer").GetString()!.Contains("####", StringComparison.Ordinal))
        {
            return Gsm8k;
        }
        if (IsString("problem") && IsString("solution"))
        {
            return Math;
        }
        if (IsString("prompt") && IsString("response"))
        {
            return PromptResponse;
        }
        if (IsString("query") && IsString("response"))
        {
            return QueryResponse;
        }
        if (IsString("Body") && IsString("Question") && Has("Answer"))
        {
            return Svamp;
        }
        if (IsString("body") && IsString("question") && Has("answer"))
        {
            return Asdiv;
        }
        return null;
    }

    /// <summary>Detects the map from the first non-blank line of a JSONL file; throws naming the file when nothing fits.</summary>
    public static FieldMap DetectFile(string path)
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
            JsonDocument doc;
            try
            {
                doc = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}:{lineNumber}: invalid JSON: {e.Message}", e);
            }
            using (doc)
            {
                return Detect(doc.RootElement)
                    ?? throw new InvalidDataException(
                        $"{path}:{lineNumber}: cannot detect the field map from fields [{string.Join(", ", FieldNames(doc.RootElement))}]; " +
                        $"pass one of: {string.Join(", ", Presets.Select(p => p.Name))}, or custom field names");
            }
        }
        throw new InvalidDataException($"{path}: empty file, cannot detect the field map");
    }

    private static IEnumerable<string> FieldNames(JsonElement row)
        => row.ValueKind == JsonValueKind.Object ? row.EnumerateObject().Select(p => p.Name) : [];
}
