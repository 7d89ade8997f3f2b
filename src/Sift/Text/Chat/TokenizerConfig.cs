using System.Text.Json;

namespace Sift.Text.Chat;

/// <summary>
/// The parts of a Hugging Face <c>tokenizer_config.json</c> that shape prompts: the chat template(s)
/// (a string, or a list of <c>{"name", "template"}</c> where <c>default</c> is the one
/// <c>apply_chat_template</c> uses), the special tokens (strings or serialised <c>AddedToken</c>
/// objects) and <c>add_bos_token</c>/<c>add_eos_token</c>. A <c>chat_template.jinja</c> beside the
/// file replaces the default template, as in transformers. Errors name the file and the field.
/// </summary>
public sealed class TokenizerConfig
{
    /// <summary>The special-token fields transformers passes to chat templates (its SPECIAL_TOKENS_ATTRIBUTES).</summary>
    public static IReadOnlyList<string> SpecialTokenFields { get; } = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

    private TokenizerConfig(string source, IReadOnlyDictionary<string, string> templates, IReadOnlyDictionary<string, string> specialTokens,
        IReadOnlyList<string> additionalSpecialTokens, bool? addBos, bool? addEos, string json, string? jinja = null)
    {
        Json = json;
        ChatTemplateJinja = jinja;
        Source = source;
        ChatTemplates = templates;
        SpecialTokens = specialTokens;
        AdditionalSpecialTokens = additionalSpecialTokens;
        AddBosToken = addBos;
        AddEosToken = addEos;
    }

    /// <summary>The file's JSON text, as read (written back by <see cref="Save"/>).</summary>
    public string Json { get; }

    /// <summary>The text of the <c>chat_template.jinja</c> read beside the file, or null.</summary>
    public string? ChatTemplateJinja { get; }

    /// <summary>The file name in a model directory.</summary>
    public const string FileName = "tokenizer_config.json";

    /// <summary>
    /// Writes the file as it was read (and its <c>chat_template.jinja</c>, if any) into
    /// <paramref name="directory"/>, atomically: a model saved from a Hugging Face directory keeps its
    /// chat template and token roles for transformers and for Sift.
    /// </summary>
    public void Save(string directory)
    {
        Sift.IO.AtomicFile.WriteAllText(Path.Combine(directory, FileName), Json);
        if (ChatTemplateJinja is not null) Sift.IO.AtomicFile.WriteAllText(Path.Combine(directory, "chat_template.jinja"), ChatTemplateJinja);
    }

    /// <summary>Where it was read from (cited by errors).</summary>
    public string Source { get; }

    /// <summary>Chat templates by name; a template given as a plain string is called <c>default</c>.</summary>
    public IReadOnlyDictionary<string, string> ChatTemplates { get; }

    /// <summary>The special tokens that are set (field name → content), e.g. <c>eos_token</c> → <c>&lt;|im_end|&gt;</c>.</summary>
    public IReadOnlyDictionary<string, string> SpecialTokens { get; }

    /// <summary><c>additional_special_tokens</c>, as contents.</summary>
    public IReadOnlyList<string> AdditionalSpecialTokens { get; }

    /// <summary>The BOS token's content, or null.</summary>
    public string? BosToken => SpecialTokens.GetValueOrDefault("bos_token");

    /// <summary>The EOS token's content, or null.</summary>
    public string? EosToken => SpecialTokens.GetValueOrDefault("eos_token");

    /// <summary><c>add_bos_token</c> when the file sets it.</summary>
    public bool? AddBosToken { get; }

    /// <summary><c>add_eos_token</c> when the file sets it.</summary>
    public bool? AddEosToken { get; }

    /// <summary>Reads <paramref name="path"/> (and a <c>chat_template.jinja</c> beside it, if any).</summary>
    public static TokenizerConfig Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the tokenizer config: {e.Message}", e);
        }
        var config = Parse(json, path);
        var jinja = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, "chat_template.jinja");
        if (!File.Exists(jinja)) return config;
        var jinjaText = File.ReadAllText(jinja);
        var templates = new Dictionary<string, string>(config.ChatTemplates, StringComparer.Ordinal) { ["default"] = jinjaText };
        return new TokenizerConfig(config.Source, templates, config.SpecialTokens, config.AdditionalSpecialTokens, config.AddBosToken, config.AddEosToken, json, jinjaText);
    }

    /// <summary>Parses the text of a tokenizer_config.json; <paramref name="source"/> names it in errors.</summary>
    public static TokenizerConfig Parse(string json, string source = "tokenizer_config.json")
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}:{(e.LineNumber ?? 0) + 1}: not valid JSON: {e.Message}", e);
        }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) throw new InvalidDataException($"{source}: expected a JSON object at the top level, found {root.ValueKind}");
            var templates = ReadTemplates(root, source);
            var special = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var field in SpecialTokenFields)
                if (root.TryGetProperty(field, out var v) && TokenContent(v, source, field) is { Length: > 0 } content)
                    special[field] = content;
            var additional = new List<string>();
            if (root.TryGetProperty("additional_special_tokens", out var extra) && extra.ValueKind != JsonValueKind.Null)
            {
                if (extra.ValueKind != JsonValueKind.Array) throw Field(source, "additional_special_tokens", "expected a list of tokens", extra);
                var i = 0;
                foreach (var t in extra.EnumerateArray())
                {
                    additional.Add(TokenContent(t, source, $"additional_special_tokens[{i}]") ?? throw Field(source, $"additional_special_tokens[{i}]", "expected a token, not null", t));
                    i++;
                }
            }
            return new TokenizerConfig(source, templates, special, additional, Bool(root, source, "add_bos_token"), Bool(root, source, "add_eos_token"), json);
        }
    }

    /// <summary>
    /// The chat template called <paramref name="name"/> (null: <c>default</c>, or the only one), ready
    /// to render with this file's special tokens.
    /// </summary>
    public ChatTemplate ChatTemplate(string? name = null)
    {
        string key;
        if (name is not null) key = name;
        else if (ChatTemplates.ContainsKey("default")) key = "default";
        else if (ChatTemplates.Count == 1) key = ChatTemplates.Keys.First();
        else if (ChatTemplates.Count == 0) throw new InvalidOperationException($"{Source}: field 'chat_template': the tokenizer has no chat template");
        else throw new InvalidOperationException($"{Source}: field 'chat_template': several templates ({string.Join(", ", ChatTemplates.Keys)}) and none is called 'default'; pick one by name");
        if (!ChatTemplates.TryGetValue(key, out var source))
            throw new InvalidOperationException($"{Source}: field 'chat_template': no template named '{key}' (have: {string.Join(", ", ChatTemplates.Keys)})");
        var tokens = new Dictionary<string, JinjaValue>(StringComparer.Ordinal);
        foreach (var (k, v) in SpecialTokens) tokens[k] = JinjaValue.From(v);
        if (AdditionalSpecialTokens.Count > 0) tokens["additional_special_tokens"] = JinjaValue.List(AdditionalSpecialTokens.Select(JinjaValue.From));
        var label = key == "default" ? $"{Source} chat_template" : $"{Source} chat_template '{key}'";
        return new ChatTemplate(JinjaTemplate.Parse(source, label), tokens);
    }

    private static Dictionary<string, string> ReadTemplates(JsonElement root, string source)
    {
        var templates = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.TryGetProperty("chat_template", out var t) || t.ValueKind == JsonValueKind.Null) return templates;
        if (t.ValueKind == JsonValueKind.String)
        {
            templates["default"] = t.GetString()!;
            return templates;
        }
        if (t.ValueKind != JsonValueKind.Array) throw Field(source, "chat_template", "expected a string or a list of {\"name\", \"template\"} objects", t);
        var i = 0;
        foreach (var item in t.EnumerateArray())
        {
            var at = $"chat_template[{i++}]";
            if (item.ValueKind != JsonValueKind.Object) throw Field(source, at, "expected an object with \"name\" and \"template\"", item);
            if (!item.TryGetProperty("name", out var n) || n.ValueKind != JsonValueKind.String) throw Field(source, at + ".name", "expected a string", n);
            if (!item.TryGetProperty("template", out var body) || body.ValueKind != JsonValueKind.String) throw Field(source, at + ".template", "expected a string", body);
            if (!templates.TryAdd(n.GetString()!, body.GetString()!)) throw Field(source, at + ".name", $"template name '{n.GetString()}' appears twice", n);
        }
        return templates;
    }

    /// <summary>A token as a string or an AddedToken object (<c>{"__type": "AddedToken", "content": ...}</c>); null when null.</summary>
    private static string? TokenContent(JsonElement v, string source, string field)
    {
        switch (v.ValueKind)
        {
            case JsonValueKind.Null: return null;
            case JsonValueKind.String: return v.GetString();
            case JsonValueKind.Object:
                if (v.TryGetProperty("content", out var c) && c.ValueKind == JsonValueKind.String) return c.GetString();
                throw Field(source, field + ".content", "an AddedToken object needs a string \"content\"", v);
            default:
                throw Field(source, field, "expected a string, an AddedToken object or null", v);
        }
    }

    private static bool? Bool(JsonElement root, string source, string field)
    {
        if (!root.TryGetProperty(field, out var v) || v.ValueKind == JsonValueKind.Null) return null;
        return v.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Field(source, field, "expected true or false", v),
        };
    }

    private static InvalidDataException Field(string source, string field, string problem, JsonElement found) =>
        new($"{source}: field '{field}': {problem}, found {(found.ValueKind == JsonValueKind.Undefined ? "nothing" : found.ValueKind.ToString().ToLowerInvariant())}");
}
