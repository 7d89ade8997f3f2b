using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sift.IO.Gguf;

namespace Sift.Text;

/// <summary>
/// GGUF <c>tokenizer.ggml.model</c> "gpt2" (byte-level BPE: tokens in GPT-2's byte alphabet, merges
/// as "a b") as tokenizer.json. The pre-tokenizer is not in the file: <c>tokenizer.ggml.pre</c>
/// names one of llama.cpp's (<c>llama-vocab.cpp</c>), so each name Sift knows maps to the sections
/// of the Hugging Face files llama.cpp took it from: "llama-bpe" (Llama 3), "qwen2" (Qwen 2/2.5/3,
/// with NFC), "gpt2"/"default" (GPT-2's ByteLevel regex). Any other name is refused.
/// </summary>
internal static class GgufByteLevelTokenizer
{
    /// <summary>Llama 3's Split regex (meta-llama/Llama-3.1-8B tokenizer.json).</summary>
    public const string Llama3Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>Qwen2's Split regex (Qwen/Qwen3 tokenizer.json): Llama 3's with single digits.</summary>
    public const string Qwen2Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>The pre-tokenizer names this converter knows.</summary>
    public static readonly string[] KnownPre = ["llama-bpe", "qwen2", "gpt2", "default"];

    public static string ToTokenizerJson(GgufFile file)
    {
        string pre = file.GetString(GgufTokenizerKeys.Pre) ?? "default";
        if (!KnownPre.Contains(pre))
        {
            throw new NotSupportedException($"{file.Path}: metadata '{GgufTokenizerKeys.Pre}' is \"{pre}\"; Sift knows the byte-level pre-tokenizers {string.Join(", ", KnownPre)}; "
                + "copy tokenizer.json from the original Hugging Face model into the imported directory");
        }
        var tokens = file.GetArray<string>(GgufTokenizerKeys.Tokens) ?? throw Missing(file, GgufTokenizerKeys.Tokens);
        var merges = file.GetArray<string>(GgufTokenizerKeys.Merges) ?? throw Missing(file, GgufTokenizerKeys.Merges);
        var types = file.GetArray<int>(GgufTokenizerKeys.TokenType) ?? Enumerable.Repeat(GgufTokenType.Normal, tokens.Length).ToArray();
        if (types.Length != tokens.Length)
            throw new InvalidDataException($"{file.Path}: '{GgufTokenizerKeys.Tokens}' has {tokens.Length} entries but '{GgufTokenizerKeys.TokenType}' {types.Length}; they must match");
        long? bosId = file.GetInteger(GgufTokenizerKeys.BosId);
        int? bos = bosId is >= 0 and < uint.MaxValue && bosId < tokens.Length ? (int)bosId : null;
        // llama.cpp adds no BOS to a BPE vocabulary unless the file asks.
        bool addBos = file.Get(GgufTokenizerKeys.AddBos) is { Value: true } && bos is not null;

        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("version", "1.0");
            j.WriteNull("truncation");
            j.WriteNull("padding");
            j.WriteStartArray("added_tokens");
            for (int i = 0; i < tokens.Length; i++)
            {
                if (types[i] is not (GgufTokenType.Control or GgufTokenType.UserDefined)) continue;
                j.WriteStartObject();
                j.WriteNumber("id", i);
                j.WriteString("content", tokens[i]);
                j.WriteBoolean("single_word", false);
                j.WriteBoolean("lstrip", false);
                j.WriteBoolean("rstrip", false);
                j.WriteBoolean("normalized", false);
                j.WriteBoolean("special", types[i] == GgufTokenType.Control);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            if (pre == "qwen2")
            {
                j.WriteStartObject("normalizer"); j.WriteString("type", "NFC"); j.WriteEndObject();
            }
            else
            {
                j.WriteNull("normalizer");
            }
            j.WriteStartObject("pre_tokenizer");
            if (pre is "llama-bpe" or "qwen2")
            {
                j.WriteString("type", "Sequence");
                j.WriteStartArray("pretokenizers");
                j.WriteStartObject();
                j.WriteString("type", "Split");
                j.WriteStartObject("pattern"); j.WriteString("Regex", pre == "qwen2" ? Qwen2Pattern : Llama3Pattern); j.WriteEndObject();
                j.WriteString("behavior", "Isolated");
                j.WriteBoolean("invert", false);
                j.WriteEndObject();
                WriteByteLevel(j, useRegex: false);
                j.WriteEndArray();
            }
            else
            {
                j.WriteString("type", "ByteLevel");
                j.WriteBoolean("add_prefix_space", false);
                j.WriteBoolean("trim_offsets", true);
                j.WriteBoolean("use_regex", true);
            }
            j.WriteEndObject();
            if (addBos)
            {
                j.WriteStartObject("post_processor");
                j.WriteString("type", "TemplateProcessing");
                j.WriteStartArray("single");
                Special(j, tokens[bos!.Value], 0); Sequence(j, "A", 0);
                j.WriteEndArray();
                j.WriteStartArray("pair");
                Special(j, tokens[bos.Value], 0); Sequence(j, "A", 0); Special(j, tokens[bos.Value], 1); Sequence(j, "B", 1);
                j.WriteEndArray();
                j.WriteStartObject("special_tokens");
                j.WriteStartObject(tokens[bos.Value]);
                j.WriteString("id", tokens[bos.Value]);
                j.WriteStartArray("ids"); j.WriteNumberValue(bos.Value); j.WriteEndArray();
                j.WriteStartArray("tokens"); j.WriteStringValue(tokens[bos.Value]); j.WriteEndArray();
                j.WriteEndObject();
                j.WriteEndObject();
                j.WriteEndObject();
            }
            else
            {
                j.WriteNull("post_processor");
            }
            j.WriteStartObject("decoder");
            j.WriteString("type", "ByteLevel");
            j.WriteBoolean("add_prefix_space", true);
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
            j.WriteBoolean("ignore_merges", pre == "llama-bpe");
            j.WriteStartObject("vocab");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < tokens.Length; i++)
            {
                if (!seen.Add(tokens[i])) throw new InvalidDataException($"{file.Path}: token {i} \"{tokens[i]}\" appears twice in '{GgufTokenizerKeys.Tokens}'");
                j.WriteNumber(tokens[i], i);
            }
            j.WriteEndObject();
            j.WriteStartArray("merges");
            for (int k = 0; k < merges.Length; k++)
            {
                int sp = merges[k].IndexOf(' ', 1);
                if (sp < 0) throw new InvalidDataException($"{file.Path}: '{GgufTokenizerKeys.Merges}'[{k}] \"{merges[k]}\" is not two tokens separated by a space");
                j.WriteStartArray(); j.WriteStringValue(merges[k][..sp]); j.WriteStringValue(merges[k][(sp + 1)..]); j.WriteEndArray();
            }
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteEndObject();
        }
        string json = Encoding.UTF8.GetString(ms.ToArray()) + "\n";
        BpeTokenizer.FromJson(json, file.Path);
        return json;
    }

    /// <summary>
    /// "gpt2" metadata of a byte-level tokenizer.json whose pre-tokenizer is one of <see cref="KnownPre"/>
    /// (recognised by its sections, so llama.cpp splits text as the file does); others are refused.
    /// </summary>
    public static List<KeyValuePair<string, GgufValue>> ToGgufMetadata(BpeTokenizer tok, JsonElement root, string source)
    {
        string pre = PreName(root) ?? throw new NotSupportedException($"{source}: a byte-level tokenizer whose pre-tokenizer is not one llama.cpp names ({string.Join(", ", KnownPre)}); "
            + "export the weights with llama.cpp's convert_hf_to_gguf.py on the saved model directory instead");
        int n = tok.VocabSize;
        var tokens = new string[n];
        var types = new int[n];
        var added = tok.AddedTokens.ToDictionary(a => tok.TokenToId(a.Content), a => a);
        for (int i = 0; i < n; i++)
        {
            tokens[i] = tok.IdToToken(i);
            types[i] = added.TryGetValue(i, out var a) ? (a.Special ? GgufTokenType.Control : GgufTokenType.UserDefined) : GgufTokenType.Normal;
        }
        var merges = new List<string>();
        foreach (var m in root.GetProperty("model").GetProperty("merges").EnumerateArray())
            merges.Add(m.ValueKind == JsonValueKind.String ? m.GetString()! : m[0].GetString() + " " + m[1].GetString());
        int[] withBos = tok.PostProcess(ReadOnlySpan<int>.Empty);
        var meta = new List<KeyValuePair<string, GgufValue>>
        {
            new(GgufTokenizerKeys.Model, GgufValue.Of("gpt2")),
            new(GgufTokenizerKeys.Pre, GgufValue.Of(pre)),
            new(GgufTokenizerKeys.Tokens, GgufValue.ArrayOf(tokens)),
            new(GgufTokenizerKeys.TokenType, GgufValue.ArrayOf(types)),
            new(GgufTokenizerKeys.Merges, GgufValue.ArrayOf([.. merges])),
        };
        if (tok.BosId >= 0) meta.Add(new(GgufTokenizerKeys.BosId, GgufValue.Of((uint)tok.BosId)));
        if (tok.EosId >= 0) meta.Add(new(GgufTokenizerKeys.EosId, GgufValue.Of((uint)tok.EosId)));
        meta.Add(new(GgufTokenizerKeys.AddBos, GgufValue.Of(withBos.Length > 0 && withBos[0] == tok.BosId)));
        return meta;
    }

    /// <summary>The llama.cpp pre-tokenizer name of a tokenizer.json's normalizer + pre_tokenizer + model, or null.</summary>
    private static string? PreName(JsonElement root)
    {
        static string Type(JsonElement e, string key) => e.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Object && v.TryGetProperty("type", out var t) ? t.GetString() ?? "" : "";
        string normalizer = Type(root, "normalizer");
        var pt = root.GetProperty("pre_tokenizer");
        bool ignoreMerges = root.GetProperty("model").TryGetProperty("ignore_merges", out var im) && im.ValueKind == JsonValueKind.True;
        if (Type(root, "pre_tokenizer") == "ByteLevel" && normalizer == "" && !ignoreMerges
            && (!pt.TryGetProperty("use_regex", out var ur) || ur.ValueKind == JsonValueKind.True)
            && !(pt.TryGetProperty("add_prefix_space", out var ap) && ap.ValueKind == JsonValueKind.True))
            return "gpt2";
        if (Type(root, "pre_tokenizer") != "Sequence" || !pt.TryGetProperty("pretokenizers", out var steps) || steps.GetArrayLength() != 2) return null;
        var split = steps[0];
        if (!split.TryGetProperty("type", out var st) || st.GetString() != "Split" || !steps[1].TryGetProperty("type", out var bt) || bt.GetString() != "ByteLevel") return null;
        if (steps[1].TryGetProperty("use_regex", out var bur) && bur.ValueKind == JsonValueKind.True) return null;
        if (!split.TryGetProperty("pattern", out var pattern) || !pattern.TryGetProperty("Regex", out var regex)) return null;
        if (split.TryGetProperty("behavior", out var b) && b.GetString() != "Isolated") return null;
        if (split.TryGetProperty("invert", out var inv) && inv.ValueKind == JsonValueKind.True) return null;
        return regex.GetString() switch
        {
            Llama3Pattern when normalizer == "" && ignoreMerges => "llama-bpe",
            Qwen2Pattern when normalizer == "NFC" && !ignoreMerges => "qwen2",
            _ => null,
        };
    }

    private static void WriteByteLevel(Utf8JsonWriter j, bool useRegex)
    {
        j.WriteStartObject();
        j.WriteString("type", "ByteLevel");
        j.WriteBoolean("add_prefix_space", false);
        j.WriteBoolean("trim_offsets", true);
        j.WriteBoolean("use_regex", useRegex);
        j.WriteEndObject();
    }

    private static void Special(Utf8JsonWriter j, string token, int typeId)
    {
        j.WriteStartObject(); j.WriteStartObject("SpecialToken"); j.WriteString("id", token); j.WriteNumber("type_id", typeId); j.WriteEndObject(); j.WriteEndObject();
    }

    private static void Sequence(Utf8JsonWriter j, string id, int typeId)
    {
        j.WriteStartObject(); j.WriteStartObject("Sequence"); j.WriteString("id", id); j.WriteNumber("type_id", typeId); j.WriteEndObject(); j.WriteEndObject();
    }

    private static InvalidDataException Missing(GgufFile file, string key) =>
        new($"{file.Path}: metadata '{key}' is missing; a byte-level (\"gpt2\") tokenizer needs tokens and merges");
}
