using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Sift.IO.Gguf;

namespace Sift.Text;

/// <summary>
/// The tokenizer of a GGUF file's metadata (llama.cpp's <c>tokenizer.ggml.*</c> keys) as a Hugging
/// Face <c>tokenizer.json</c> of the same behaviour, and back. Byte-level "gpt2" vocabularies go
/// through <see cref="GgufByteLevelTokenizer"/>. <c>tokenizer.ggml.model</c> "llama"
/// (SentencePiece BPE: tokens, scores, token_type) becomes the layout of Llama 2's tokenizer.json
/// (BPE with byte_fallback, <c>Prepend "▁"</c> + <c>Replace " "→"▁"</c>, the matching decoders, BOS
/// by TemplateProcessing), with merges derived from the scores as transformers' LlamaConverter
/// (<c>SentencePieceExtractor.extract</c>) derives them; control and unknown tokens become special
/// added tokens, user-defined ones plain added tokens. The way back writes "llama" metadata from a
/// SentencePiece-style tokenizer.json, scoring each merged piece by the rank of its first merge so
/// that llama.cpp's score-ordered merging and a re-import give the same merges.
/// </summary>
public static class GgufTokenizerConverter
{
    /// <summary>SentencePiece's word-boundary marker.</summary>
    public const string Metaspace = "\u2581";

    /// <summary>The tokenizer.json text of <paramref name="file"/>'s tokenizer metadata.</summary>
    public static string ToTokenizerJson(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string model = file.GetString(GgufTokenizerKeys.Model)
            ?? throw new InvalidDataException($"{file.Path}: no '{GgufTokenizerKeys.Model}' metadata: the file carries no tokenizer; import needs one (or take tokenizer.json from the original model)");
        if (model == "gpt2") return GgufByteLevelTokenizer.ToTokenizerJson(file);
        if (model != "llama")
        {
            throw new NotSupportedException($"{file.Path}: metadata '{GgufTokenizerKeys.Model}' is \"{model}\"; Sift converts SentencePiece (\"llama\") and byte-level BPE (\"gpt2\") tokenizers to tokenizer.json; "
                + "copy tokenizer.json from the original Hugging Face model into the imported directory");
        }
        var tokens = file.GetArray<string>(GgufTokenizerKeys.Tokens) ?? throw Missing(file, GgufTokenizerKeys.Tokens);
        var scores = file.GetArray<float>(GgufTokenizerKeys.Scores) ?? throw Missing(file, GgufTokenizerKeys.Scores);
        var types = file.GetArray<int>(GgufTokenizerKeys.TokenType) ?? throw Missing(file, GgufTokenizerKeys.TokenType);
        if (scores.Length != tokens.Length || types.Length != tokens.Length)
            throw new InvalidDataException($"{file.Path}: '{GgufTokenizerKeys.Tokens}' has {tokens.Length} entries but '{GgufTokenizerKeys.Scores}' {scores.Length} and '{GgufTokenizerKeys.TokenType}' {types.Length}; they must match");
        int? unk = Id(file, GgufTokenizerKeys.UnknownId, tokens.Length) ?? IndexOf(types, GgufTokenType.Unknown);
        int? bos = Id(file, GgufTokenizerKeys.BosId, tokens.Length);
        int? eos = Id(file, GgufTokenizerKeys.EosId, tokens.Length);
        bool addBos = file.Get(GgufTokenizerKeys.AddBos) is not { Value: false };
        bool addEos = file.Get(GgufTokenizerKeys.AddEos) is { Value: true };
        return Write(tokens, scores, types, unk, addBos ? bos : null, addEos ? eos : null, file.Path);
    }

    /// <summary>
    /// tokenizer_config.json text carrying the file's <c>tokenizer.chat_template</c> (with the
    /// bos/eos token texts and add_bos/add_eos, as transformers writes them), or null when the file has no template.
    /// </summary>
    public static string? ToTokenizerConfigJson(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string? template = file.GetString(GgufTokenizerKeys.ChatTemplate);
        if (template is null) return null;
        var tokens = file.GetArray<string>(GgufTokenizerKeys.Tokens) ?? [];
        string? Token(string key) => file.GetInteger(key) is long id && id >= 0 && id < tokens.Length ? tokens[id] : null;
        var o = new System.Text.Json.Nodes.JsonObject();
        if (file.Get(GgufTokenizerKeys.AddBos) is { Value: bool addBos }) o["add_bos_token"] = addBos;
        if (file.Get(GgufTokenizerKeys.AddEos) is { Value: bool addEos }) o["add_eos_token"] = addEos;
        if (Token(GgufTokenizerKeys.BosId) is { } bos) o["bos_token"] = bos;
        if (Token(GgufTokenizerKeys.EosId) is { } eos) o["eos_token"] = eos;
        if (Token(GgufTokenizerKeys.UnknownId) is { } unk) o["unk_token"] = unk;
        o["chat_template"] = template;
        o["clean_up_tokenization_spaces"] = false;
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";
    }

    /// <summary>
    /// tokenizer.json text from SentencePiece vocabulary data: <paramref name="tokens"/> by id,
    /// their <paramref name="scores"/> and <see cref="GgufTokenType"/> codes; BOS/EOS ids the
    /// post_processor adds (null: none).
    /// </summary>
    public static string Write(string[] tokens, float[] scores, int[] types, int? unkId, int? addBosId, int? addEosId, string source = "GGUF")
    {
        var vocab = new Dictionary<string, int>(tokens.Length, StringComparer.Ordinal);
        for (int i = 0; i < tokens.Length; i++)
        {
            if (!vocab.TryAdd(tokens[i], i))
                throw new InvalidDataException($"{source}: token {i} \"{tokens[i]}\" repeats token {vocab[tokens[i]]}; a SentencePiece vocabulary has each piece once");
        }
        var merges = DeriveMerges(tokens, scores, vocab);
        bool spaceInPiece = tokens.Any(t => t.Contains(' ', StringComparison.Ordinal));
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
                bool special = types[i] is GgufTokenType.Control or GgufTokenType.Unknown || i == unkId;
                if (!special && types[i] != GgufTokenType.UserDefined) continue;
                j.WriteStartObject();
                j.WriteNumber("id", i);
                j.WriteString("content", tokens[i]);
                j.WriteBoolean("single_word", false);
                j.WriteBoolean("lstrip", false);
                j.WriteBoolean("rstrip", false);
                j.WriteBoolean("normalized", false);
                j.WriteBoolean("special", special);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WriteStartObject("normalizer");
            j.WriteString("type", "Sequence");
            j.WriteStartArray("normalizers");
            j.WriteStartObject(); j.WriteString("type", "Prepend"); j.WriteString("prepend", Metaspace); j.WriteEndObject();
            j.WriteStartObject(); j.WriteString("type", "Replace"); j.WriteStartObject("pattern"); j.WriteString("String", " "); j.WriteEndObject(); j.WriteString("content", Metaspace); j.WriteEndObject();
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteNull("pre_tokenizer");
            WritePostProcessor(j, tokens, addBosId, addEosId);
            j.WriteStartObject("decoder");
            j.WriteString("type", "Sequence");
            j.WriteStartArray("decoders");
            j.WriteStartObject(); j.WriteString("type", "Replace"); j.WriteStartObject("pattern"); j.WriteString("String", Metaspace); j.WriteEndObject(); j.WriteString("content", " "); j.WriteEndObject();
            j.WriteStartObject(); j.WriteString("type", "ByteFallback"); j.WriteEndObject();
            j.WriteStartObject(); j.WriteString("type", "Fuse"); j.WriteEndObject();
            j.WriteStartObject(); j.WriteString("type", "Strip"); j.WriteString("content", " "); j.WriteNumber("start", 1); j.WriteNumber("stop", 0); j.WriteEndObject();
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteStartObject("model");
            j.WriteString("type", "BPE");
            j.WriteNull("dropout");
            if (unkId is { } u) j.WriteString("unk_token", tokens[u]);
            else j.WriteNull("unk_token");
            j.WriteNull("continuing_subword_prefix");
            j.WriteNull("end_of_word_suffix");
            j.WriteBoolean("fuse_unk", true);
            j.WriteBoolean("byte_fallback", true);
            j.WriteStartObject("vocab");
            for (int i = 0; i < tokens.Length; i++) j.WriteNumber(tokens[i], i);
            j.WriteEndObject();
            j.WriteStartArray("merges");
            foreach (var (l, r) in merges)
            {
                // Llama 2's files write "a b"; a piece holding a space needs the pair form.
                if (spaceInPiece)
                {
                    j.WriteStartArray(); j.WriteStringValue(l); j.WriteStringValue(r); j.WriteEndArray();
                }
                else
                {
                    j.WriteStringValue(l + " " + r);
                }
            }
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteEndObject();
        }
        string json = Encoding.UTF8.GetString(ms.ToArray()) + "\n";
        BpeTokenizer.FromJson(json, source); // what Sift writes, Sift must load
        return json;
    }

    /// <summary>
    /// Merges of a SentencePiece BPE vocabulary, as transformers' <c>SentencePieceExtractor.extract(vocab_scores)</c>:
    /// for each piece in id order every split into two pieces of the vocabulary (ordered by their ids),
    /// then all of them stably sorted by the merged piece's score, highest first.
    /// </summary>
    public static List<(string Left, string Right)> DeriveMerges(string[] tokens, float[] scores, IReadOnlyDictionary<string, int> vocab)
    {
        var merges = new List<(string L, string R, float Score)>();
        var local = new List<(string L, string R, int IdL, int IdR)>();
        for (int i = 0; i < tokens.Length; i++)
        {
            string piece = tokens[i];
            local.Clear();
            for (int cut = 1; cut < piece.Length; cut++)
            {
                if (char.IsLowSurrogate(piece[cut])) continue; // splits are between code points, as Python's str slicing
                string l = piece[..cut], r = piece[cut..];
                if (vocab.TryGetValue(l, out int idL) && vocab.TryGetValue(r, out int idR)) local.Add((l, r, idL, idR));
            }
            local.Sort((a, b) => a.IdL != b.IdL ? a.IdL.CompareTo(b.IdL) : a.IdR.CompareTo(b.IdR));
            foreach (var m in local) merges.Add((m.L, m.R, scores[i]));
        }
        return merges.Select((m, k) => (m, k)).OrderByDescending(x => x.m.Score).ThenBy(x => x.k).Select(x => (x.m.L, x.m.R)).ToList();
    }

    /// <summary>
    /// GGUF "llama" tokenizer metadata (tokens, scores, token types, unk/bos/eos ids, add_bos/add_eos; the padding id is the model config's)
    /// from SentencePiece-style tokenizer.json text, or "gpt2" metadata from a byte-level one whose
    /// pre-tokenizer llama.cpp names (<see cref="GgufByteLevelTokenizer"/>); refuses any other
    /// tokenizer, naming the file and what to do.
    /// </summary>
    public static List<KeyValuePair<string, GgufValue>> ToGgufMetadata(string tokenizerJson, string source = "tokenizer.json")
    {
        var tok = BpeTokenizer.FromJson(tokenizerJson, source);
        using var doc = JsonDocument.Parse(tokenizerJson);
        var model = doc.RootElement.GetProperty("model");
        bool byteFallback = model.TryGetProperty("byte_fallback", out var bf) && bf.ValueKind == JsonValueKind.True;
        if (tok.IsByteLevel) return GgufByteLevelTokenizer.ToGgufMetadata(tok, doc.RootElement, source);
        if (!byteFallback)
        {
            throw new NotSupportedException($"{source}: a BPE tokenizer without byte_fallback that is not byte-level; sift export gguf writes SentencePiece-style (Llama 2: byte_fallback, ▁ for spaces) tokenizers as GGUF \"llama\" and byte-level ones as \"gpt2\" metadata. "
                + "Export the weights with llama.cpp's convert_hf_to_gguf.py on the saved model directory instead");
        }
        int n = tok.VocabSize;
        var tokens = new string[n];
        for (int i = 0; i < n; i++) tokens[i] = tok.IdToToken(i);
        string? unk = model.TryGetProperty("unk_token", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        var added = tok.AddedTokens.ToDictionary(a => tok.TokenToId(a.Content), a => a);
        // Score a merged piece by the rank of the first merge that makes it (higher = earlier), as
        // SentencePiece scores run; pieces no merge makes come after every merged one.
        var rank = new Dictionary<int, int>();
        var mergeList = ReadMerges(model);
        for (int k = 0; k < mergeList.Count; k++)
        {
            int id = tok.TokenToId(mergeList[k].Left + mergeList[k].Right);
            if (id >= 0) rank.TryAdd(id, k);
        }
        var scores = new float[n];
        var types = new int[n];
        int unmerged = 0;
        for (int i = 0; i < n; i++)
        {
            bool isByte = tokens[i].Length == 6 && tokens[i].StartsWith("<0x", StringComparison.Ordinal) && tokens[i][5] == '>' && IsHex(tokens[i][3]) && IsHex(tokens[i][4]);
            types[i] = tokens[i] == unk ? GgufTokenType.Unknown
                : added.TryGetValue(i, out var a) ? (a.Special ? GgufTokenType.Control : GgufTokenType.UserDefined)
                : isByte ? GgufTokenType.Byte
                : GgufTokenType.Normal;
            scores[i] = types[i] != GgufTokenType.Normal ? 0f
                : rank.TryGetValue(i, out int r) ? -r
                : -(mergeList.Count + unmerged++);
        }
        int[] withBos = tok.PostProcess(ReadOnlySpan<int>.Empty);
        var meta = new List<KeyValuePair<string, GgufValue>>
        {
            new(GgufTokenizerKeys.Model, GgufValue.Of("llama")),
            new(GgufTokenizerKeys.Tokens, GgufValue.ArrayOf(tokens)),
            new(GgufTokenizerKeys.Scores, GgufValue.ArrayOf(scores)),
            new(GgufTokenizerKeys.TokenType, GgufValue.ArrayOf(types)),
        };
        if (unk is not null && tok.TokenToId(unk) is >= 0 and var unkId) meta.Add(new(GgufTokenizerKeys.UnknownId, GgufValue.Of((uint)unkId)));
        if (tok.BosId >= 0) meta.Add(new(GgufTokenizerKeys.BosId, GgufValue.Of((uint)tok.BosId)));
        if (tok.EosId >= 0) meta.Add(new(GgufTokenizerKeys.EosId, GgufValue.Of((uint)tok.EosId)));
        meta.Add(new(GgufTokenizerKeys.AddBos, GgufValue.Of(withBos.Length > 0 && withBos[0] == tok.BosId)));
        meta.Add(new(GgufTokenizerKeys.AddEos, GgufValue.Of(withBos.Length > 0 && withBos[^1] == tok.EosId && tok.EosId != tok.BosId)));
        return meta;
    }

    private static List<(string Left, string Right)> ReadMerges(JsonElement model)
    {
        var list = new List<(string, string)>();
        if (!model.TryGetProperty("merges", out var merges) || merges.ValueKind != JsonValueKind.Array) return list;
        foreach (var m in merges.EnumerateArray())
        {
            if (m.ValueKind == JsonValueKind.String)
            {
                string s = m.GetString()!;
                int sp = s.IndexOf(' ', 1);
                list.Add((s[..sp], s[(sp + 1)..]));
            }
            else
            {
                list.Add((m[0].GetString()!, m[1].GetString()!));
            }
        }
        return list;
    }

    private static void WritePostProcessor(Utf8JsonWriter j, string[] tokens, int? bos, int? eos)
    {
        if (bos is null && eos is null)
        {
            j.WriteNull("post_processor");
            return;
        }
        j.WriteStartObject("post_processor");
        j.WriteString("type", "TemplateProcessing");
        void Special(int id, int typeId) { j.WriteStartObject(); j.WriteStartObject("SpecialToken"); j.WriteString("id", tokens[id]); j.WriteNumber("type_id", typeId); j.WriteEndObject(); j.WriteEndObject(); }
        void Sequence(string id, int typeId) { j.WriteStartObject(); j.WriteStartObject("Sequence"); j.WriteString("id", id); j.WriteNumber("type_id", typeId); j.WriteEndObject(); j.WriteEndObject(); }
        j.WriteStartArray("single");
        if (bos is { } b) Special(b, 0);
        Sequence("A", 0);
        if (eos is { } e) Special(e, 0);
        j.WriteEndArray();
        j.WriteStartArray("pair");
        if (bos is { } b2) Special(b2, 0);
        Sequence("A", 0);
        if (eos is { } e2) Special(e2, 0);
        if (bos is { } b3) Special(b3, 1);
        Sequence("B", 1);
        if (eos is { } e3) Special(e3, 1);
        j.WriteEndArray();
        j.WriteStartObject("special_tokens");
        foreach (int id in new[] { bos, eos }.OfType<int>().Distinct())
        {
            j.WriteStartObject(tokens[id]);
            j.WriteString("id", tokens[id]);
            j.WriteStartArray("ids"); j.WriteNumberValue(id); j.WriteEndArray();
            j.WriteStartArray("tokens"); j.WriteStringValue(tokens[id]); j.WriteEndArray();
            j.WriteEndObject();
        }
        j.WriteEndObject();
        j.WriteEndObject();
    }

    private static bool IsHex(char c) => char.IsAsciiHexDigitUpper(c) || char.IsAsciiDigit(c);

    private static int? IndexOf(int[] types, int type)
    {
        int i = Array.IndexOf(types, type);
        return i >= 0 ? i : null;
    }

    private static int? Id(GgufFile file, string key, int vocab)
    {
        long? id = file.GetInteger(key);
        // llama.cpp writes -1 (as uint32 0xFFFFFFFF) for "none".
        if (id is null || id < 0 || id == uint.MaxValue) return null;
        if (id >= vocab) throw new InvalidDataException($"{file.Path}: metadata '{key}' is {id}, outside the vocabulary of {vocab} tokens");
        return (int)id;
    }

    private static InvalidDataException Missing(GgufFile file, string key) =>
        new($"{file.Path}: metadata '{key}' is missing; a SentencePiece (\"llama\") tokenizer needs tokens, scores and token_type");
}
