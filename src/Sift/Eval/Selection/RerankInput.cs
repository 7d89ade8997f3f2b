using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Grading;
using Sift.IO;

namespace Sift.Eval.Selection;

/// <summary>
/// Reads `sift rerank` input: JSONL rows <c>{"gold": "...", "samples": [{"text": "...", "score": 0.73, "answer": "..."}, ...], "problem": "..."}</c>.
/// "score" (any finite number: an evaluator's S in [0, 1] or a reward model's raw score), "answer" (extracted from "text" by the grader when absent or null)
/// and "problem" (or "question"; needed only to score with an evaluator) are optional. A bad row throws
/// <see cref="InvalidDataException"/> "<c>file:line: field "samples[2].score": ...</c>", or with
/// skipInvalid is counted and skipped.
/// </summary>
public static class RerankInput
{
    public static RerankInputResult Read(string path, bool skipInvalid = false, MathGrader? grader = null, IAnswerEquivalence? equivalence = null)
    {
        grader ??= new MathGrader();
        equivalence ??= new GraderAnswerEquivalence(grader);
        var reader = new JsonlReader(path, skipInvalid);
        var problems = new List<ProblemSamples>();
        var messages = new List<string>();
        var invalid = 0;
        foreach (var record in reader.Read())
        {
            var (problem, error) = Parse(record.Object, grader, equivalence);
            if (problem is not null)
            {
                problems.Add(problem);
                continue;
            }
            var message = $"{path}:{record.LineNumber}: {error}";
            if (!skipInvalid)
            {
                throw new InvalidDataException(message);
            }
            invalid++;
            if (messages.Count < JsonlReader.MaxKeptMessages)
            {
                messages.Add(message);
            }
        }
        messages.InsertRange(0, reader.InvalidLines.Take(Math.Max(0, JsonlReader.MaxKeptMessages - messages.Count)));
        return new RerankInputResult(problems, invalid + reader.InvalidLineCount, messages);
    }

    /// <summary>One row, or the reason it is invalid ("field \"x\": ...").</summary>
    public static (ProblemSamples? Problem, string? Error) Parse(JsonObject row, MathGrader grader, IAnswerEquivalence equivalence)
    {
        if (!TryText(row, "gold", required: true, out var gold, out var error))
        {
            return (null, error);
        }
        // "question" is the GSM8K spelling of the same field.
        if (!TryText(row, row.ContainsKey("problem") ? "problem" : "question", required: false, out var problemText, out error))
        {
            return (null, error);
        }
        if (!row.TryGetPropertyValue("samples", out var samplesNode) || samplesNode is null)
        {
            return (null, "field \"samples\": missing (an array of {\"text\": ..., \"score\": ...} objects)");
        }
        if (samplesNode is not JsonArray array)
        {
            return (null, $"field \"samples\": expected an array, found {JsonKind.Describe(samplesNode)}");
        }
        if (array.Count == 0)
        {
            return (null, "field \"samples\": empty (need at least one sample)");
        }
        var samples = new ScoredSample[array.Count];
        for (var i = 0; i < array.Count; i++)
        {
            var name = $"samples[{i}]";
            if (array[i] is not JsonObject s)
            {
                return (null, $"field \"{name}\": expected an object, found {JsonKind.Describe(array[i])}");
            }
            if (!TryText(s, "text", required: true, out var text, out error, name + "."))
            {
                return (null, error);
            }
            if (!TryText(s, "answer", required: false, out var answer, out error, name + "."))
            {
                return (null, error);
            }
            double? score = null;
            if (s.TryGetPropertyValue("score", out var scoreNode) && scoreNode is not null)
            {
                if (scoreNode is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
                {
                    return (null, $"field \"{name}.score\": expected a number, found {JsonKind.Describe(scoreNode)}");
                }
                // Any finite value: reward models score without bounds (see ScoreTransform for the weighted strategies).
                if (!v.TryGetValue<double>(out var d) || !double.IsFinite(d))
                {
                    return (null, $"field \"{name}.score\": must be a finite number, got {v.ToJsonString()}");
                }
                score = d;
            }
            samples[i] = new ScoredSample(text!, answer ?? grader.ExtractAnswer(text!), score);
        }
        return (new ProblemSamples(gold!, samples, problemText, equivalence), null);
    }

    /// <summary>A string field (numbers are accepted and written invariantly, as gold answers often are).</summary>
    private static bool TryText(JsonObject obj, string field, bool required, out string? value, out string? error, string prefix = "")
    {
        value = null;
        error = null;
        if (!obj.TryGetPropertyValue(field, out var node) || node is null)
        {
            if (required)
            {
                error = $"field \"{prefix}{field}\": missing";
            }
            return !required;
        }
        if (node is JsonValue v)
        {
            switch (v.GetValueKind())
            {
                case JsonValueKind.String:
                    value = v.GetValue<string>();
                    return true;
                case JsonValueKind.Number:
                    value = v.ToJsonString();
                    return true;
            }
        }
        error = $"field \"{prefix}{field}\": expected a string, found {JsonKind.Describe(node)}";
        return false;
    }

}
