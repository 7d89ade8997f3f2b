using System.Text;
using System.Text.Json;
using System.Text.Encodings.Web;
using System.Text.Json.Nodes;
using Sift.IO;

namespace Sift.Eval;

/// <summary>
/// The samples file of a run (<c>samples/*.jsonl</c>): one problem per line,
/// <c>{"id", "question", "gold", "prompt", "samples": [{"text", "answer", "verdict", "correct",
/// "annotations_ok", "tokens"}]}</c>. Written atomically; read with errors naming file, line and field.
/// RFT pools several such files (one per model) for its union.
/// </summary>
public static class SampleFile
{
    /// <summary>Writes &lt;, &gt;, + and non-ASCII as themselves, so annotations like &lt;&lt;2*3=6&gt;&gt; stay readable (still valid JSON).</summary>
    internal static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static void Write(string path, IEnumerable<GradedProblem> problems, Func<GradedProblem, JsonObject?>? extra = null)
    {
        var sb = new StringBuilder();
        foreach (var p in problems)
        {
            var row = ToJson(p);
            if (extra?.Invoke(p) is { } more)
            {
                foreach (var (k, v) in more) row[k] = v?.DeepClone();
            }
            sb.Append(row.ToJsonString(Readable)).Append('\n');
        }
        AtomicFile.WriteAllText(path, sb.ToString());
    }

    public static JsonObject ToJson(GradedProblem p)
    {
        var samples = new JsonArray();
        foreach (var s in p.Samples)
        {
            samples.Add(new JsonObject
            {
                ["text"] = s.Text,
                ["answer"] = s.Answer,
                ["verdict"] = s.Verdict,
                ["correct"] = s.Correct,
                ["annotations_ok"] = s.AnnotationsOk,
                ["tokens"] = s.Tokens,
            });
        }
        return new JsonObject { ["id"] = p.Id, ["question"] = p.Question, ["gold"] = p.Gold, ["prompt"] = p.Prompt, ["samples"] = samples };
    }

    /// <summary>Reads a samples file; a malformed row is an error naming file, line and field.</summary>
    public static IReadOnlyList<GradedProblem> Read(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: samples file not found", path);
        var list = new List<GradedProblem>();
        foreach (var (line, row) in JsonlReader.ReadAll(path))
        {
            string Field(JsonObject o, string name, string where)
            {
                try
                {
                    return o[name]?.GetValue<string>() ?? throw new InvalidDataException($"{path}:{line}:{where}{name}: missing");
                }
                catch (InvalidOperationException)
                {
                    throw new InvalidDataException($"{path}:{line}:{where}{name}: must be a string");
                }
            }
            var samples = new List<GradedSample>();
            if (row["samples"] is not JsonArray array) throw new InvalidDataException($"{path}:{line}:samples: missing or not an array");
            for (int i = 0; i < array.Count; i++)
            {
                var where = $"samples[{i}].";
                if (array[i] is not JsonObject s) throw new InvalidDataException($"{path}:{line}:samples[{i}]: not an object");
                bool Flag(string name)
                {
                    try
                    {
                        return s[name]?.GetValue<bool>() ?? throw new InvalidDataException($"{path}:{line}:{where}{name}: missing");
                    }
                    catch (InvalidOperationException)
                    {
                        throw new InvalidDataException($"{path}:{line}:{where}{name}: must be true or false");
                    }
                }
                string? answer = s["answer"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : null;
                int tokens = s["tokens"] is JsonValue tv && tv.TryGetValue<int>(out var t) ? t : 0;
                samples.Add(new GradedSample(Field(s, "text", where), answer, s["verdict"]?.GetValue<string>() ?? "", Flag("correct"), Flag("annotations_ok"), tokens));
            }
            list.Add(new GradedProblem(Field(row, "id", ""), Field(row, "question", ""), Field(row, "gold", ""), row["prompt"]?.GetValue<string>() ?? "", samples));
        }
        return list;
    }
}
