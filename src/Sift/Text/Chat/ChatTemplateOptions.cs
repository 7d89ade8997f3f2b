namespace Sift.Text.Chat;

/// <summary>The keyword arguments of transformers' <c>apply_chat_template</c> that change the text.</summary>
public sealed record ChatTemplateOptions
{
    /// <summary>Append the header that starts the assistant's reply (<c>add_generation_prompt</c>).</summary>
    public bool AddGenerationPrompt { get; init; }

    /// <summary>
    /// Cut the text right after the last message's content, so a reply can be continued
    /// (<c>continue_final_message</c>); exclusive with <see cref="AddGenerationPrompt"/>.
    /// </summary>
    public bool ContinueFinalMessage { get; init; }

    /// <summary>The tool schemas the template lists (<c>tools</c>, JSON-schema dicts), or null for None.</summary>
    public IReadOnlyList<JinjaValue>? Tools { get; init; }

    /// <summary>The documents of retrieval-augmented templates (<c>documents</c>), or null for None.</summary>
    public IReadOnlyList<JinjaValue>? Documents { get; init; }

    /// <summary>Extra template variables (transformers passes unknown kwargs through), e.g. <c>enable_thinking</c>; they override the special tokens.</summary>
    public IReadOnlyDictionary<string, JinjaValue> Variables { get; init; } = new Dictionary<string, JinjaValue>();

    /// <summary>The time <c>strftime_now</c> formats (default: the local clock, as transformers).</summary>
    public DateTime? Now { get; init; }
}
