namespace Sift.Text.Chat;

/// <summary>
/// A model's chat template with the special tokens it is rendered with: what transformers'
/// <c>tokenizer.apply_chat_template(messages, tokenize=False, ...)</c> returns, byte for byte. The
/// template sees <c>messages</c>, <c>tools</c> and <c>documents</c> (None unless given), <c>add_generation_prompt</c>,
/// every special token (<c>bos_token</c>, <c>eos_token</c>, ...) and the extra variables.
/// </summary>
public sealed class ChatTemplate
{
    private readonly IReadOnlyDictionary<string, JinjaValue> _specialTokens;

    /// <summary>A template rendered with <paramref name="specialTokens"/> (name → text, e.g. <c>bos_token</c> → <c>&lt;s&gt;</c>).</summary>
    public ChatTemplate(JinjaTemplate template, IReadOnlyDictionary<string, JinjaValue> specialTokens)
    {
        Template = template;
        _specialTokens = specialTokens;
    }

    /// <summary>Parses <paramref name="source"/> as a chat template with string special tokens.</summary>
    public static ChatTemplate Parse(string source, IReadOnlyDictionary<string, string>? specialTokens = null, string name = "chat_template") =>
        new(JinjaTemplate.Parse(source, name), (specialTokens ?? new Dictionary<string, string>()).ToDictionary(kv => kv.Key, kv => JinjaValue.From(kv.Value)));

    /// <summary>The parsed template.</summary>
    public JinjaTemplate Template { get; }

    /// <summary>The variables from the special tokens.</summary>
    public IReadOnlyDictionary<string, JinjaValue> SpecialTokens => _specialTokens;

    /// <summary>Renders <paramref name="messages"/>.</summary>
    public string Apply(IReadOnlyList<ChatMessage> messages, ChatTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        return ApplyValues(messages.Select(m => m.ToValue()).ToArray(), options);
    }

    /// <summary>Renders messages given as template values (dicts with more fields than role and content, e.g. <c>reasoning_content</c>).</summary>
    public string ApplyValues(IReadOnlyList<JinjaValue> messages, ChatTemplateOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        options ??= new ChatTemplateOptions();
        if (options.AddGenerationPrompt && options.ContinueFinalMessage)
            throw new ArgumentException("continue_final_message and add_generation_prompt are not compatible: use continue_final_message to continue the last message, add_generation_prompt to start a new assistant message", nameof(options));
        var variables = new Dictionary<string, JinjaValue>(StringComparer.Ordinal)
        {
            ["messages"] = JinjaValue.List(messages),
            ["tools"] = options.Tools is null ? JinjaValue.None : JinjaValue.List(options.Tools),
            ["documents"] = options.Documents is null ? JinjaValue.None : JinjaValue.List(options.Documents),
            ["add_generation_prompt"] = JinjaValue.From(options.AddGenerationPrompt),
        };
        foreach (var (k, v) in _specialTokens) variables[k] = v;
        foreach (var (k, v) in options.Variables) variables[k] = v;
        var text = Template.Render(variables, options.Now);
        return options.ContinueFinalMessage ? CutAfterFinalMessage(text, messages) : text;
    }

    /// <summary>transformers' continue_final_message: cut after the last occurrence of the final message's content.</summary>
    private string CutAfterFinalMessage(string rendered, IReadOnlyList<JinjaValue> messages)
    {
        if (messages.Count == 0) throw new ArgumentException("continue_final_message needs at least one message", nameof(messages));
        var last = messages[^1];
        var content = last.Kind == JinjaKind.Dict && last.AsDict.TryGetValue("content", out var c) && c.Kind == JinjaKind.String
            ? c.AsString
            : throw new ArgumentException("continue_final_message needs the final message's content to be a string", nameof(messages));
        var stripped = PythonText.Strip(content, null, true, true);
        var at = rendered.LastIndexOf(stripped, StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidOperationException($"{Template.Name}: continue_final_message is set but the final message does not appear in the rendered chat");
        var lstripped = PythonText.Strip(content, null, true, false);
        // Python slicing clamps at the end: rendered[at : at + len(content.lstrip())] == content.
        var window = rendered.Substring(at, Math.Min(lstripped.Length, rendered.Length - at));
        var end = string.Equals(window, content, StringComparison.Ordinal) ? at + lstripped.Length : at + stripped.Length;
        return rendered[..end];
    }
}
