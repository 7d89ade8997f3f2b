using System.Text.Encodings.Web;
using System.Text.Json;
using Sift.IO;

namespace Sift.Text;

/// <summary>
/// Reads and writes Hugging Face <c>tokenizer.json</c> (the `tokenizers` library's serialisation) for BPE
/// models: byte-level (GPT-2, Llama 3, Qwen, Sift's own) and SentencePiece-style (Llama 2, Mistral).
/// Every normalizer, pre-tokenizer, decoder and model setting that changes ids or text is either
/// implemented exactly or refused with an error naming the file and the field, never silently encoded
/// differently. post_processor, truncation and padding are written back unchanged; Encode applies none of
/// them (no BOS; no truncation or padding): <see cref="BpeTokenizer.PostProcess"/> applies post_processor.
/// (Microsoft.ML.Tokenizers reads no BPE tokenizer.json pipeline, hence this reader: docs/tokenizer.md.)
/// </summary>
internal static class TokenizerJson
{
    private const string NormalizerTypes = "NFC, NFD, NFKC, NFKD, Sequence, Prepend, Replace, Lowercase, Strip, StripAccents";
    private const string PreTokenizerTypes = "ByteLevel, Digits, Split, Metaspace, Sequence";
    private const string DecoderTypes = "ByteLevel, Metaspace, ByteFallback, Fuse, Strip, Replace, Sequence";

    public static void Save(BpeTokenizer tok, string path) => AtomicFile.WriteAllText(path, ToJson(tok));

    public static string ToJson(BpeTokenizer tok)
    {
        var def = tok.Definition;
        using var ms = new MemoryStream();
        using (var j = new Utf8JsonWriter(ms, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            j.WriteStartObject();
            j.WriteString("version", "1.0");
            WriteRaw(j, def, "truncation");
            WriteRaw(j, def, "padding");
            j.WriteStartArray("added_tokens");
            foreach (var a in tok.AddedTokens)
            {
                j.WriteStartObject();
                j.WriteNumber("id", a.Id);
                j.WriteString("content", a.Content);
                j.WriteBoolean("single_word", a.SingleWord);
                j.WriteBoolean("lstrip", a.Lstrip);
                j.WriteBoolean("rstrip", a.Rstrip);
                j.WriteBoolean("normalized", a.Normalized);
                j.WriteBoolean("special", a.Special);
                j.WriteEndObject();
            }
            j.WriteEndArray();
            j.WritePropertyName("normalizer");
            if (def.Normalizer is null)
                j.WriteNullValue();
            else
                def.Normalizer.WriteJson(j);
            j.WritePropertyName("pre_tokenizer");
            if (tok.PreTokenizer is null)
                j.WriteNullValue();
            else
                tok.PreTokenizer.WriteJson(j);
            WriteRaw(j, def, "post_processor");
            j.WritePropertyName("decoder");
            if (def.Decoder is null)
                j.WriteNullValue();
            else
                def.Decoder.WriteJson(j);
            j.WriteStartObject("model");
            j.WriteString("type", "BPE");
            j.WriteNull("dropout");
            if (def.UnkToken is null)
                j.WriteNull("unk_token");
            else
                j.WriteString("unk_token", def.UnkToken);
            j.WriteNull("continuing_subword_prefix");
            j.WriteNull("end_of_word_suffix");
            j.WriteBoolean("fuse_unk", def.FuseUnk);
            j.WriteBoolean("byte_fallback", def.ByteFallback);
            j.WriteBoolean("ignore_merges", tok.IgnoreMerges);
            j.WriteStartObject("vocab");
            var tokens = tok.Tokens;
            var written = new HashSet<string>(StringComparer.Ordinal);
            for (int id = 0; id < tokens.Count; id++)
            {
                // JSON object keys must be unique: a token sharing another's text lives only in added_tokens.
                if (tok.InModelVocab(id) && written.Add(tokens[id]))
                    j.WriteNumber(tokens[id], id);
            }
            j.WriteEndObject();
            // "a b" is ambiguous when a token holds a space; Hugging Face (>= 0.20) also reads ["a", "b"].
            bool pairs = tok.Merges.List.Any(m => tokens[m.Left].Contains(' ', StringComparison.Ordinal) || tokens[m.Right].Contains(' ', StringComparison.Ordinal));
            j.WriteStartArray("merges");
            foreach (var (l, r, _) in tok.Merges.List)
            {
                if (pairs)
                {
                    j.WriteStartArray();
                    j.WriteStringValue(tokens[l]);
                    j.WriteStringValue(tokens[r]);
                    j.WriteEndArray();
                }
                else
                {
                    j.WriteStringValue(tokens[l] + " " + tokens[r]);
                }
            }
            j.WriteEndArray();
            j.WriteEndObject();
            j.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void WriteRaw(Utf8JsonWriter j, BpeTokenizerDefinition def, string name)
    {
        j.WritePropertyName(name);
        if (def.Passthrough.TryGetValue(name, out string? raw))
            j.WriteRawValue(raw);
        else
            j.WriteNullValue();
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
                throw Bad(source, "model.type", $"\"{type}\" is not supported; Sift supports \"BPE\" models");
            if (model.TryGetProperty("dropout", out var drop) && drop.ValueKind == JsonValueKind.Number && drop.GetDouble() != 0)
                throw Bad(source, "model.dropout", "is set; BPE dropout is not supported");
            foreach (string f in new[] { "continuing_subword_prefix", "end_of_word_suffix" })
            {
                if (model.TryGetProperty(f, out var fv) && fv.ValueKind == JsonValueKind.String && fv.GetString()!.Length > 0)
                    throw Bad(source, "model." + f, "is set; BPE with word prefixes/suffixes is not supported");
            }
            bool ignoreMerges = Bool(model, "ignore_merges", false);
            bool byteFallback = Bool(model, "byte_fallback", false);
            bool fuseUnk = Bool(model, "fuse_unk", false);
            string? unk = model.TryGetProperty("unk_token", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;

            Normalizer? normalizer = root.TryGetProperty("normalizer", out var norm) ? ParseNormalizer(source, norm, "normalizer") : null;
            PreTokenizer? pre = ParsePreTokenizer(source, root.TryGetProperty("pre_tokenizer", out var p) ? p : default);
            TokenDecoder? decoder = root.TryGetProperty("decoder", out var dec) ? ParseDecoder(source, dec, "decoder") : null;
            var passthrough = new Dictionary<string, string>();
            foreach (string name in new[] { "post_processor", "truncation", "padding" })
            {
                if (root.TryGetProperty(name, out var raw) && raw.ValueKind != JsonValueKind.Null)
                    passthrough[name] = raw.GetRawText();
            }

            // Vocabulary: ids must be dense 0..V-1 once added tokens are included.
            if (!model.TryGetProperty("vocab", out JsonElement vocab) || vocab.ValueKind != JsonValueKind.Object)
                throw Bad(source, "model.vocab", "is missing or not an object of token → id");
            var byId = new Dictionary<int, string>();
            var modelIds = new HashSet<int>();
            foreach (JsonProperty e in vocab.EnumerateObject())
            {
                if (!e.Value.TryGetInt32(out int id) || id < 0)
                    throw Bad(source, $"model.vocab[\"{e.Name}\"]", "is not a non-negative integer id");
                if (!byId.TryAdd(id, e.Name))
                    throw Bad(source, $"model.vocab[\"{e.Name}\"]", $"reuses id {id} (also '{byId[id]}')");
                modelIds.Add(id);
            }
            // Hugging Face ignores the "id" of an added token: one whose text is in model.vocab (or added
            // before) keeps that id, the others are numbered on from the vocabulary (AddedVocabulary::add_tokens).
            // Sift numbers them the same way, so a file whose ids disagree still encodes as Hugging Face encodes it.
            var addedById = new Dictionary<int, AddedToken>();
            var addedOrder = new List<int>();
            if (root.TryGetProperty("added_tokens", out var added) && added.ValueKind == JsonValueKind.Array)
            {
                var vocabIds = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (int id in modelIds)
                    vocabIds.TryAdd(byId[id], id);
                var addedIds = new Dictionary<string, int>(StringComparer.Ordinal);
                int modelSize = modelIds.Count;
                int maxAdded = -1;
                int k = 0;
                foreach (JsonElement a in added.EnumerateArray())
                {
                    if (!a.TryGetProperty("content", out var c) || c.ValueKind != JsonValueKind.String || c.GetString()!.Length == 0)
                        throw Bad(source, $"added_tokens[{k}]", "needs a non-empty string 'content'");
                    string content = c.GetString()!;
                    if (!addedIds.TryGetValue(content, out int id) && !vocabIds.TryGetValue(content, out id))
                        id = maxAdded < 0 ? modelSize : maxAdded >= modelSize || modelSize == 0 ? maxAdded + 1 : modelSize;
                    addedIds[content] = id;
                    maxAdded = Math.Max(maxAdded, id);
                    byId[id] = content;
                    if (!addedById.ContainsKey(id))
                        addedOrder.Add(id);
                    // Hugging Face's defaults for absent flags (AddedToken::default): normalized true, the rest false.
                    addedById[id] = new AddedToken(id, content,
                        Special: Bool(a, "special", false),
                        Normalized: Bool(a, "normalized", true),
                        Lstrip: Bool(a, "lstrip", false),
                        Rstrip: Bool(a, "rstrip", false),
                        SingleWord: Bool(a, "single_word", false));
                    k++;
                }
            }
            var addedTokens = addedOrder.Select(id => addedById[id]).ToList();
            int v = byId.Count == 0 ? 0 : byId.Keys.Max() + 1;
            var tokens = new string[v];
            for (int id = 0; id < v; id++)
            {
                if (!byId.TryGetValue(id, out string? s))
                    throw Bad(source, "model.vocab", $"has no token with id {id} (ids must run 0..{v - 1} without gaps)");
                tokens[id] = s;
            }
            var tokenToId = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (int id in modelIds)
                tokenToId.TryAdd(tokens[id], id);

            var merges = ParseMerges(source, model, tokenToId);
            var addedByContent = addedTokens.GroupBy(a => a.Content).ToDictionary(g => g.Key, g => g.First().Id, StringComparer.Ordinal);
            var post = PostProcessor.Parse(source, root.TryGetProperty("post_processor", out var pp) ? pp : default, "post_processor",
                tokenText => addedByContent.TryGetValue(tokenText, out int a) ? a : tokenToId.GetValueOrDefault(tokenText, -1));
            return new BpeTokenizer(new BpeTokenizerDefinition
            {
                Tokens = tokens,
                ModelIds = modelIds,
                Merges = merges,
                AddedTokens = addedTokens,
                Normalizer = normalizer,
                PreTokenizer = pre,
                Decoder = decoder,
                PostProcessor = post,
                IgnoreMerges = ignoreMerges,
                ByteFallback = byteFallback,
                UnkToken = unk,
                FuseUnk = fuseUnk,
                Passthrough = passthrough,
                Source = source,
            });
        }
    }

    private static List<(int, int, int)> ParseMerges(string source, JsonElement model, Dictionary<string, int> tokenToId)
    {
        var merges = new List<(int, int, int)>();
        if (!model.TryGetProperty("merges", out JsonElement mergesEl))
            return merges;
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
        return merges;
    }

    private static Normalizer? ParseNormalizer(string source, JsonElement el, string where)
    {
        if (el.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return null;
        string type = TypeOf(el);
        switch (type)
        {
            case "NFC":
                return new UnicodeFormNormalizer(NormalizationForm.Nfc);
            case "NFD":
                return new UnicodeFormNormalizer(NormalizationForm.Nfd);
            case "NFKC":
                return new UnicodeFormNormalizer(NormalizationForm.Nfkc);
            case "NFKD":
                return new UnicodeFormNormalizer(NormalizationForm.Nfkd);
            case "Lowercase":
                return new LowercaseNormalizer();
            case "StripAccents":
                return new StripAccentsNormalizer();
            case "Strip":
                return new StripNormalizer(Bool(el, "strip_left", true), Bool(el, "strip_right", true));
            case "Prepend":
                return new PrependNormalizer(String(source, el, "prepend", where));
            case "Replace":
                return new ReplaceNormalizer(Pattern(source, el, where), String(source, el, "content", where));
            case "Sequence":
            {
                if (!el.TryGetProperty("normalizers", out var list) || list.ValueKind != JsonValueKind.Array)
                    throw Bad(source, where + ".normalizers", "is missing");
                var items = new List<Normalizer>();
                int k = 0;
                foreach (JsonElement n in list.EnumerateArray())
                {
                    var item = ParseNormalizer(source, n, $"{where}.normalizers[{k++}]");
                    if (item is not null)
                        items.Add(item);
                }
                return new SequenceNormalizer(items);
            }
            default:
                throw Bad(source, where + ".type", $"\"{type}\" is not supported (supported: {NormalizerTypes})");
        }
    }

    private static PreTokenizer? ParsePreTokenizer(string source, JsonElement el)
    {
        if (el.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return null;
        var steps = new List<PreTokenizerStep>();
        bool sequence = TypeOf(el) == "Sequence";
        if (sequence)
        {
            if (!el.TryGetProperty("pretokenizers", out var list) || list.ValueKind != JsonValueKind.Array)
                throw Bad(source, "pre_tokenizer.pretokenizers", "is missing");
            int k = 0;
            foreach (JsonElement s in list.EnumerateArray())
            {
                string where = $"pre_tokenizer.pretokenizers[{k++}]";
                if (TypeOf(s) == "Sequence")
                    throw Bad(source, where + ".type", "\"Sequence\" inside a Sequence is not supported");
                steps.Add(ParseStep(source, s, where));
            }
            if (steps.Count == 0)
                return null;
        }
        else
        {
            steps.Add(ParseStep(source, el, "pre_tokenizer"));
        }
        // Sift's byte-level BPE maps a piece's bytes to the byte alphabet inside the model, which equals
        // Hugging Face only when no step runs after ByteLevel.
        for (int i = 0; i < steps.Count - 1; i++)
        {
            if (steps[i] is ByteLevelStep)
                throw Bad(source, $"pre_tokenizer.pretokenizers[{i}]", "is a ByteLevel step that is not the last one; not supported");
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
            case "Metaspace":
            {
                var (replacement, prepend) = Metaspace(source, s, where);
                return new MetaspaceStep(replacement, prepend, Bool(s, "split", true));
            }
            case "Split":
            {
                var pattern = Pattern(source, s, where);
                string behavior = s.TryGetProperty("behavior", out var b) && b.ValueKind == JsonValueKind.String ? b.GetString()! : "";
                if (!Enum.TryParse(behavior, ignoreCase: false, out SplitBehavior sb) || !Enum.IsDefined(sb) || behavior.Any(char.IsDigit))
                    throw Bad(source, where + ".behavior", $"\"{behavior}\" is not supported (supported: Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous)");
                return new SplitStep(pattern, sb, Bool(s, "invert", false));
            }
            default:
                throw Bad(source, where + ".type", $"\"{type}\" is not supported (supported: {PreTokenizerTypes})");
        }
    }

    private static TokenDecoder? ParseDecoder(string source, JsonElement el, string where)
    {
        if (el.ValueKind is JsonValueKind.Undefined or JsonValueKind.Null)
            return null;
        string type = TypeOf(el);
        switch (type)
        {
            case "ByteLevel":
                return new ByteLevelDecoder(Bool(el, "add_prefix_space", true), Bool(el, "trim_offsets", true), Bool(el, "use_regex", true));
            case "ByteFallback":
                return new ByteFallbackDecoder();
            case "Fuse":
                return new FuseDecoder();
            case "Metaspace":
            {
                var (replacement, prepend) = Metaspace(source, el, where);
                return new MetaspaceDecoder(replacement, prepend, Bool(el, "split", true));
            }
            case "Strip":
            {
                string content = String(source, el, "content", where);
                if (content.Length != 1)
                    throw Bad(source, where + ".content", $"\"{content}\" is not one character");
                return new StripDecoder(content[0], Int(source, el, "start", where), Int(source, el, "stop", where));
            }
            case "Replace":
                return new ReplaceDecoder(Pattern(source, el, where), String(source, el, "content", where));
            case "Sequence":
            {
                if (!el.TryGetProperty("decoders", out var list) || list.ValueKind != JsonValueKind.Array)
                    throw Bad(source, where + ".decoders", "is missing");
                var items = new List<TokenDecoder>();
                int k = 0;
                foreach (JsonElement d in list.EnumerateArray())
                {
                    var item = ParseDecoder(source, d, $"{where}.decoders[{k++}]");
                    if (item is not null)
                        items.Add(item);
                }
                return new SequenceDecoder(items);
            }
            default:
                throw Bad(source, where + ".type", $"\"{type}\" is not supported (supported: {DecoderTypes})");
        }
    }

    // Metaspace's replacement and prepend_scheme; files written before tokenizers 0.19 have add_prefix_space instead.
    private static (char Replacement, MetaspacePrepend Prepend) Metaspace(string source, JsonElement el, string where)
    {
        string rep = el.TryGetProperty("replacement", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString()! : "\u2581";
        if (rep.Length != 1)
            throw Bad(source, where + ".replacement", $"\"{rep}\" is not one character");
        MetaspacePrepend prepend;
        if (el.TryGetProperty("prepend_scheme", out var ps) && ps.ValueKind == JsonValueKind.String)
        {
            prepend = ps.GetString() switch
            {
                "always" => MetaspacePrepend.Always,
                "first" => MetaspacePrepend.First,
                "never" => MetaspacePrepend.Never,
                var other => throw Bad(source, where + ".prepend_scheme", $"\"{other}\" is not supported (supported: always, first, never)"),
            };
        }
        else
        {
            prepend = Bool(el, "add_prefix_space", true) ? MetaspacePrepend.Always : MetaspacePrepend.Never;
        }
        return (rep[0], prepend);
    }

    private static TextPattern Pattern(string source, JsonElement s, string where)
    {
        if (!s.TryGetProperty("pattern", out var pat) || pat.ValueKind != JsonValueKind.Object)
            throw Bad(source, where + ".pattern", "is missing");
        bool isRegex = pat.TryGetProperty("Regex", out var rx);
        if (!isRegex && !pat.TryGetProperty("String", out rx))
            throw Bad(source, where + ".pattern", "has neither 'Regex' nor 'String'");
        if (rx.ValueKind != JsonValueKind.String)
            throw Bad(source, where + ".pattern", "is not a string");
        try
        {
            return new TextPattern(rx.GetString()!, isRegex);
        }
        catch (ArgumentException ex)
        {
            throw Bad(source, where + ".pattern", $"cannot be compiled as a .NET regex: {ex.Message}");
        }
    }

    private static string String(string source, JsonElement e, string name, string where) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Bad(source, $"{where}.{name}", "is missing or not a string");

    private static int Int(string source, JsonElement e, string name, string where) =>
        e.TryGetProperty(name, out var v) && v.TryGetInt32(out int i) && i >= 0 ? i : throw Bad(source, $"{where}.{name}", "is missing or not a non-negative integer");

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
