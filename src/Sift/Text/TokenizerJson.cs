using System.Text.Encodings.Web;
using System.Text.Json;
using Sift.IO;

namespace Sift.Text;

/// <summary>
/// Reads and writes Hugging Face <c>tokenizer.json</c> (the `tokenizers` library's serialisation) for
/// byte-level BPE models. Unsupported features are refused with an error naming the field, rather than
/// silently encoding differently from Hugging Face.
/// </summary>
internal static class TokenizerJson
{
    public static void Save(BpeTokenizer tok, string path) => AtomicFile.WriteAllText(path, ToJson(tok));

    public static string ToJson(BpeTokenizer tok)
    {
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("version", "1.0");
            j.WriteNull("truncation");
            j.WriteNull("padding");
            j.WriteStartArray("added_tokens");
            foreach (var (content, id) in tok.SpecialEntries)
            {
                j.WriteStartObject();
                j.WriteNumber("id", id);
                j.WriteString("content", content);
                j.WriteBoolean("single_word", false);
                j.WriteBoolean("lstrip", false);
                j.WriteBoolean("rstrip", false);
                j.WriteBoolean("normalized", false);
                j.WriteBoolean("special", true);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteNull("normalizer");
            j.WritePropertyName("pre_tokenizer");
            tok.PreTokenizer.WriteJson(j);
            j.WriteNull("post_processor");
            j.WriteStartObject("decoder");
            j.WriteString("type", "ByteLevel");
            j.WriteBoolean("add_prefix_space", false);
            j.WriteBoolean("trim_offsets", true);
            j.WriteBoolean("use_regex", true);
            j.WriteEndObject();
            j.WriteStartObject("model");
            j.WriteString("type", "BPE");
            j.WriteNull("dropout");
            j.WriteNull("unk_token");
            j.WriteNull("continuing_subword_prefix");
            j.WriteNull("end_of_word_suffix");
            j.WriteBoolean("fuse_unk", false);
            j.WriteBoolean("byte_fallback", false);
            j.WriteBoolean("ignore_merges", tok.IgnoreMerges);
            j.WriteStartObject("vocab");
            var tokens = tok.Tokens;
            var written = new HashSet<string>(StringComparer.Ordinal);
            for (int id = 0; id < tokens.Count; id++)
            {
                // JSON object keys must be unique: a special sharing an ordinary token's text lives only in added_tokens.
                if (written.Add(tokens[id]))
                    j.WriteNumber(tokens[id], id);
            }
            j.WriteEndObject();
            j.WriteStartArray("merges");
            foreach (var (l, r, _) in tok.Merges.List)
                j.WriteStringValue(tokens[l] + " " + tokens[r]);
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    public static BpeTokenizer Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such tokenizer.json.", path);
        return Parse(File.ReadAllText(path), path);
    }

    public static BpeTokenizer Parse(string text, string source)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{source}: not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad(source, "(root)", "is not a JSON object");
            if (!root.TryGetProperty("model", out JsonElement model) || model.ValueKind != JsonValueKind.Object)
                throw Bad(source, "model", "is missing; this is not a Hugging Face tokenizer.json");

            string type = model.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "BPE";
            if (type != "BPE")
                throw Bad(source, "model.type", $"is '{type}'; Sift supports only byte-level \"BPE\" models");
            if (model.TryGetProperty("dropout", out var drop) && drop.ValueKind == JsonValueKind.Number && drop.GetDouble() != 0)
                throw Bad(source, "model.dropout", "is set; BPE dropout is not supported");
            foreach (string f in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
            {
                if (model.TryGetProperty(f, out var fv) && fv.ValueKind == JsonValueKind.String && fv.GetString()!.Length > 0)
                    throw Bad(source, "model." + f, "is set; byte-level BPE with word prefixes/suffixes is not supported");
            }
            if (model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True)
                throw Bad(source, "model.byte_fallback", "is true (a SentencePiece-style model); Sift supports byte-level BPE only");
            bool ignoreMerges = model.TryGetProperty("ignore_merges", out var im) && im.ValueKind == JsonValueKind.True;

            if (root.TryGetProperty("normalizer", out var norm) && norm.ValueKind != JsonValueKind.Null)
                throw Bad(source, "normalizer", $"is '{TypeOf(norm)}'; Sift supports byte-level BPE without a normalizer (normalizer: null)");
            if (root.TryGetProperty("decoder", out var dec) && dec.ValueKind != JsonValueKind.Null && TypeOf(dec) != "ByteLevel")
                throw Bad(source, "decoder", $"is '{TypeOf(dec)}'; Sift supports the ByteLevel decoder only");
            PreTokenizer pre = ParsePreTokenizer(source, root.TryGetProperty("pre_tokenizer", out var p) ? p : default);

            // Vocabulary: ids must be dense 0..V-1 once added tokens are included.
            if (!model.TryGetProperty("vocab", out JsonElement vocab) || vocab.ValueKind != JsonValueKind.Object)
                throw Bad(source, "model.vocab", "is missing or not an object of token → id");
            var byId = new Dictionary<int, string>();
            foreach (JsonProperty e in vocab.EnumerateObject())
            {
                if (!e.Value.TryGetInt32(out int id) || id < 0)
                    throw Bad(source, $"model.vocab[\"{e.Name}\"]", "is not a non-negative integer id");
                if (!byId.TryAdd(id, e.Name))
                    throw Bad(source, $"model.vocab[\"{e.Name}\"]", $"reuses id {id} (also '{byId[id]}')");
            }
            var specials = new List<(string, int)>();
            if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
            {
                int k = 0;
                foreach (JsonElement a in added.EnumerateArray())
                {
                    if (!a.TryGetProperty("id", out var idEl) || !idEl.TryGetInt32(out int id) || id < 0
                        || !a.TryGetProperty("content", out var c) || c.ValueKind != JsonValueKind.String || c.GetString()!.Length == 0)
                        throw Bad(source, $"added_tokens[{k}]", "needs an integer 'id' and a non-empty string 'content'");
                    string content = c.GetString()!;
                    if (byId.TryGetValue(id, out string? existing) && existing != content)
                        throw Bad(source, $"added_tokens[{k}]", $"gives id {id} to '{content}' but model.vocab gives it to '{existing}'");
                    byId[id] = content;
                    specials.Add((content, id));
                    k++;
                }
            }
            int v = byId.Count == 0 ? 0 : byId.Keys.Max() + 1;
            var tokens = new string[v];
            for (int id = 0; id < v; id++)
            {
                if (!byId.TryGetValue(id, out string? s))
                    throw Bad(source, "model.vocab", $"has no token with id {id} (ids must run 0..{v - 1} without gaps)");
                tokens[id] = s;
            }
            var tokenToId = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int id = 0; id < v; id++)
                tokenToId.TryAdd(tokens[id], id);

            var merges = new List<(int, int, int)>();
            if (model.TryGetProperty("merges", out JsonElement mergesEl))
            {
                if (mergesEl.ValueKind != JsonValueKind.Array)
                    throw Bad(source, "model.merges", "is not an array");
                int k = 0;
                foreach (JsonElement m in mergesEl.EnumerateArray())
                {
                    string left, right;
                    if (m.ValueKind == JsonValueKind.String)
                    {
                        string s = m.GetString()!;
                        int sp = s.IndexOf(' ', 1);
                        if (sp < 0 || s.IndexOf(' ', sp + 1) >= 0)
                            throw Bad(source, $"model.merges[{k}]", $"'{s}' is not two tokens separated by one space");
                        left = s[..sp];
                        right = s[(sp + 1)..];
                    }
                    else if (m.ValueKind == JsonValueKind.Array && m.GetArrayLength() == 2 && m[0].ValueKind == JsonValueKind.String && m[1].ValueKind == JsonValueKind.String)
                    {
                        left = m[0].GetString()!;
                        right = m[1].GetString()!;
                    }
                    else
                    {
                        throw Bad(source, $"model.merges[{k}]", "is neither \"a b\" nor [\"a\", \"b\"]");
                    }
                    if (!tokenToId.TryGetValue(left, out int l) || !tokenToId.TryGetValue(right, out int r))
                        throw Bad(source, $"model.merges[{k}]", $"uses '{left}' or '{right}', which is not in model.vocab");
                    if (!tokenToId.TryGetValue(left + right, out int merged))
                        throw Bad(source, $"model.merges[{k}]", $"produces '{left + right}', which is not in model.vocab");
                    merges.Add((l, r, merged));
                    k++;
                }
            }
            return new BpeTokenizer(tokens, merges, specials, pre, ignoreMerges, source);
        }
    }

    private static PreTokenizer ParsePreTokenizer(string source, JsonElement el)
    {
        if (el.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            throw Bad(source, "pre_tokenizer", "is null; Sift needs a ByteLevel pre-tokenizer (byte-level BPE)");
        var steps = new List<PreTokenizerStep>();
        bool sequence = TypeOf(el) == "Sequence";
        if (sequence)
        {
            if (!el.TryGetProperty("pretokenizers", out var list) || list.ValueKind != JsonValueKind.Array)
                throw Bad(source, "pre_tokenizer.pretokenizers", "is missing");
            int k = 0;
            foreach (JsonElement s in list.EnumerateArray())
                steps.Add(ParseStep(source, s, $"pre_tokenizer.pretokenizers[{k++}]"));
        }
        else
        {
            steps.Add(ParseStep(source, el, "pre_tokenizer"));
        }
        if (!steps.Any(s => s is ByteLevelStep))
            throw Bad(source, "pre_tokenizer", "has no ByteLevel step; Sift supports byte-level BPE only");
        for (int i = 1; i < steps.Count; i++)
        {
            if (steps[i] is ByteLevelStep { AddPrefixSpace: true })
                throw Bad(source, "pre_tokenizer", "sets add_prefix_space on a ByteLevel step that is not first; not supported");
        }
        return new PreTokenizer(steps, sequence);
    }

    private static PreTokenizerStep ParseStep(string source, JsonElement s, string where)
    {
        string type = TypeOf(s);
        switch (type)
        {
            case "ByteLevel":
                return new ByteLevelStep(
                    addPrefixSpace: Bool(s, "add_prefix_space", true),
                    useRegex: Bool(s, "use_regex", true),
                    trimOffsets: Bool(s, "trim_offsets", true));
            case "Digits":
                return new DigitsSplitStep(Bool(s, "individual_digits", false));
            case "Split":
            {
                if (!s.TryGetProperty("pattern", out var pat) || pat.ValueKind != JsonValueKind.Object)
                    throw Bad(source, where + ".pattern", "is missing");
                bool isRegex = pat.TryGetProperty("Regex", out var rx);
                if (!isRegex && !pat.TryGetProperty("String", out rx))
                    throw Bad(source, where + ".pattern", "has neither 'Regex' nor 'String'");
                string behavior = s.TryGetProperty("behavior", out var b) ? b.GetString() ?? "" : "";
                if (behavior is not ("Isolated" or "Removed"))
                    throw Bad(source, where + ".behavior", $"is '{behavior}'; only Isolated and Removed are supported");
                if (Bool(s, "invert", false))
                    throw Bad(source, where + ".invert", "is true; not supported");
                try
                {
                    return new RegexSplitStep(rx.GetString()!, isRegex, behavior == "Removed");
                }
                catch (ArgumentException ex)
                {
                    throw Bad(source, where + ".pattern", $"cannot be compiled as a .NET regex: {ex.Message}");
                }
            }
            default:
                throw Bad(source, where + ".type", $"is '{type}'; supported: ByteLevel, Digits, Split, Sequence");
        }
    }

    private static bool Bool(JsonElement e, string name, bool fallback) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => fallback,
        } : fallback;

    private static string TypeOf(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "?";

    private static InvalidDataException Bad(string source, string field, string what) => new($"{source}: {field} {what}.");
}
