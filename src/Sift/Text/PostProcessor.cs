using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>post_processor</c> for a single sequence: what <c>encode(text, add_special_tokens=True)</c>
/// adds around the ids (Llama 2 and 3: a BOS in front; Qwen: nothing). Read from tokenizer.json:
/// <c>TemplateProcessing</c> (its <c>single</c> template), <c>BertProcessing</c>/<c>RobertaProcessing</c>
/// (cls … sep), <c>ByteLevel</c> (no change to ids) and <c>Sequence</c>. Another type is kept as
/// unsupported and refused, naming the file and field, only when special tokens are asked for.
/// </summary>
internal sealed class PostProcessor
{
    private readonly (int[]? Ids, bool Sequence)[] _template;
    private readonly string? _unsupported;

    private PostProcessor((int[]?, bool)[] template, string? unsupported)
    {
        _template = template;
        _unsupported = unsupported;
    }

    /// <summary>Adds nothing.</summary>
    public static PostProcessor Identity { get; } = new([(null, true)], null);

    /// <summary>
    /// The special ids the template puts before the sequence (Llama: its BOS; Qwen: none); empty for an
    /// unsupported type, whose rule Sift cannot know.
    /// </summary>
    public int[] LeadingIds()
    {
        if (_unsupported is not null) return [];
        var ids = new List<int>();
        foreach (var (special, sequence) in _template)
        {
            if (sequence) break;
            ids.AddRange(special!);
        }
        return ids.ToArray();
    }

    /// <summary>The ids with the template's special tokens around them.</summary>
    public int[] Apply(ReadOnlySpan<int> ids)
    {
        if (_unsupported is not null)
            throw new InvalidDataException(_unsupported);
        var output = new List<int>(ids.Length + 4);
        foreach (var (special, sequence) in _template)
        {
            if (sequence)
            {
                foreach (int id in ids)
                    output.Add(id);
            }
            else
            {
                output.AddRange(special!);
            }
        }
        return output.ToArray();
    }

    /// <summary>Reads <c>post_processor</c>; <paramref name="tokenId"/> resolves a token's text to its id (or -1).</summary>
    public static PostProcessor Parse(string source, JsonElement el, string where, Func<string, int> tokenId)
    {
        if (el.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return Identity;
        string type = el.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "?";
        switch (type)
        {
            case "ByteLevel":
                return Identity; // only adjusts offsets
            case "Sequence":
            {
                if (!el.TryGetProperty("processors", out var list) || list.ValueKind != JsonValueKind.Array)
                    return Unsupported(source, where + ".processors", "is missing");
                var template = new List<(int[]?, bool)> { (null, true) };
                int k = 0;
                foreach (var p in list.EnumerateArray())
                {
                    var inner = Parse(source, p, $"{where}.processors[{k++}]", tokenId);
                    if (inner._unsupported is not null)
                        return inner;
                    // Compose: each processor wraps the sequence the previous ones produced.
                    var next = new List<(int[]?, bool)>();
                    foreach (var part in inner._template)
                    {
                        if (part.Sequence)
                            next.AddRange(template);
                        else
                            next.Add(part);
                    }
                    template = next;
                }
                return new PostProcessor(template.ToArray(), null);
            }
            case "BertProcessing" or "RobertaProcessing":
            {
                if (!TryPair(el, "cls", out int cls) || !TryPair(el, "sep", out int sep))
                    return Unsupported(source, where, $"({type}) needs \"cls\" and \"sep\" as [token, id]");
                return new PostProcessor([([cls], false), (null, true), ([sep], false)], null);
            }
            case "TemplateProcessing":
            {
                if (!el.TryGetProperty("single", out var single) || single.ValueKind != JsonValueKind.Array)
                    return Unsupported(source, where + ".single", "is missing");
                var specials = new Dictionary<string, int[]>(StringComparer.Ordinal);
                if (el.TryGetProperty("special_tokens", out var st) && st.ValueKind == JsonValueKind.Object)
                {
                    foreach (var s in st.EnumerateObject())
                    {
                        if (s.Value.TryGetProperty("ids", out var ids) && ids.ValueKind == JsonValueKind.Array)
                            specials[s.Name] = ids.EnumerateArray().Select(i => i.GetInt32()).ToArray();
                    }
                }
                var template = new List<(int[]?, bool)>();
                int k = 0;
                foreach (var piece in single.EnumerateArray())
                {
                    if (piece.TryGetProperty("Sequence", out _))
                    {
                        template.Add((null, true));
                    }
                    else if (piece.TryGetProperty("SpecialToken", out var sp) && sp.TryGetProperty("id", out var name) && name.ValueKind == JsonValueKind.String)
                    {
                        string n = name.GetString()!;
                        int[]? ids = specials.GetValueOrDefault(n);
                        if (ids is null && tokenId(n) is int id and >= 0)
                            ids = [id];
                        if (ids is null)
                            return Unsupported(source, $"{where}.single[{k}]", $"names special token \"{n}\", which special_tokens does not define");
                        template.Add((ids, false));
                    }
                    else
                    {
                        return Unsupported(source, $"{where}.single[{k}]", "is neither a Sequence nor a SpecialToken");
                    }
                    k++;
                }
                return new PostProcessor(template.ToArray(), null);
            }
            default:
                return Unsupported(source, where + ".type", $"\"{type}\" is not supported (supported: TemplateProcessing, BertProcessing, RobertaProcessing, ByteLevel, Sequence)");
        }
    }

    private static bool TryPair(JsonElement el, string name, out int id)
    {
        id = -1;
        return el.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Array && p.GetArrayLength() == 2 && p[1].TryGetInt32(out id);
    }

    private static PostProcessor Unsupported(string source, string field, string what) =>
        new([(null, true)], $"{source}: {field} {what}; encode without special tokens, or prepend them yourself.");
}
