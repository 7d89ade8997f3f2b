using Sift.Text;
using Sift.Text.Chat;

namespace Sift.Data;

/// <summary>
/// Turns a question into the prompt a model sees. The response is appended by the caller after
/// <see cref="ResponsePrefix"/>; <see cref="Build"/> returns both parts separately, so loss masking
/// knows the prompt/response boundary by position and never searches for template text.
/// With a <see cref="Chat"/> template the prompt is a conversation instead: <see cref="Format"/>
/// (holding the question) is the user turn, <see cref="SystemPrompt"/> an optional system turn, the
/// prompt ends with the template's generation prompt, and the response part is the rest of the
/// rendered assistant turn (the solution and the template's end-of-turn text).
/// </summary>
/// <param name="Name">Name used in configs and on the command line.</param>
/// <param name="Format">The prompt with <c>{instruction}</c> where the question goes.</param>
/// <param name="ResponsePrefix">Text between the prompt and the response; it belongs to the prompt side (weight 0).</param>
public sealed record PromptTemplate(string Name, string Format, string ResponsePrefix)
{
    /// <summary>The placeholder the question replaces.</summary>
    public const string Placeholder = "{instruction}";

    /// <summary>The instruction math evaluations of chat models append to the question (Qwen2.5-Math, DeepSeek-R1).</summary>
    public const string BoxedInstruction = "Please reason step by step, and put your final answer within \\boxed{}.";

    /// <summary>A model's chat template; null for the plain-text templates.</summary>
    public ChatTemplate? Chat { get; init; }

    /// <summary>With <see cref="Chat"/>: the text of a system turn before the question, or null for none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>
    /// The paper's template, verbatim: <c>PROMPT_DICT["prompt_no_input"]</c> of Yuan et al. 2023's RFT
    /// code (OFA-Sys/gsm8k-ScRel, train.py, from Stanford Alpaca). That code concatenates source and
    /// target with nothing between them, hence the empty response prefix.
    /// </summary>
    public static PromptTemplate Alpaca { get; } = new(
        "alpaca",
        "Below is an instruction that describes a task. Write a response that appropriately completes the request.\n\n### Instruction:\n{instruction}\n\n### Response:",
        "");

    /// <summary>A short template for small models: <c>Question: {q}\nAnswer:</c>, response after a space.</summary>
    public static PromptTemplate Plain { get; } = new("plain", "Question: {instruction}\nAnswer:", " ");

    /// <summary>
    /// ChatML (<c>&lt;|im_start|&gt;user\n...&lt;|im_end|&gt;\n</c>, as Qwen's templates write turns
    /// without tools): the question as the user turn, the solution as the assistant turn.
    /// </summary>
    public static PromptTemplate ChatMl { get; } = ForChat(ChatTemplate.Parse(
        "{%- for message in messages %}{{- '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{%- endfor %}"
        + "{%- if add_generation_prompt %}{{- '<|im_start|>assistant\\n' }}{%- endif %}",
        name: "chat (ChatML)"));

    /// <summary>
    /// A template over a model's own chat template (e.g. <c>TokenizerConfig.Load(path).ChatTemplate()</c>):
    /// the question is the user turn, followed by <see cref="BoxedInstruction"/> on its own line when
    /// <paramref name="boxedInstruction"/>, after an optional system turn.
    /// </summary>
    public static PromptTemplate ForChat(ChatTemplate chat, string name = "chat", string? systemPrompt = null, bool boxedInstruction = false) =>
        new(name, boxedInstruction ? Placeholder + "\n" + BoxedInstruction : Placeholder, "") { Chat = chat, SystemPrompt = systemPrompt };

    /// <summary>The built-in templates.</summary>
    public static IReadOnlyList<PromptTemplate> All { get; } = [Alpaca, Plain, ChatMl];

    /// <summary>A built-in template by name (case-insensitive).</summary>
    public static PromptTemplate ByName(string name)
        => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new ArgumentException($"unknown prompt template '{name}'; known: {string.Join(", ", All.Select(t => t.Name))}", nameof(name));

    /// <summary>The prompt for <paramref name="question"/>, including the response prefix: generation starts right after it.</summary>
    public string Render(string question)
    {
        var filled = Fill(question);
        return Chat is null ? filled + ResponsePrefix : Chat.Apply(Turns(filled), new ChatTemplateOptions { AddGenerationPrompt = true }) + ResponsePrefix;
    }

    /// <summary>
    /// The prompt and the response as two parts; the training text is <c>Prompt + Response</c>. With a
    /// chat template the response is what the conversation with the assistant turn adds after the
    /// prompt, so the loss covers exactly the assistant turn's positions.
    /// </summary>
    public PromptedText Build(string question, string response)
    {
        if (Chat is null) return new(Render(question), response);
        var prompt = Render(question);
        var turns = Turns(Fill(question));
        turns.Add(ChatMessage.Assistant(ResponsePrefix + response));
        var full = Chat.Apply(turns);
        if (!full.StartsWith(prompt, StringComparison.Ordinal))
            throw new InvalidOperationException($"prompt template '{Name}': {Chat.Template.Name} renders the conversation with the assistant turn so that it does not start with the generation prompt, so the response cannot be separated from the prompt by position");
        return new(prompt, full[prompt.Length..]);
    }

    /// <summary>
    /// Whether special-token texts in the rendered prompt are special tokens: yes for chat templates
    /// (transformers' <c>apply_chat_template(tokenize=True)</c>: <c>&lt;|im_start|&gt;</c> is one token),
    /// no for the plain-text templates, whose questions are data.
    /// </summary>
    public bool SpecialTokensInText => Chat is not null;

    /// <summary>
    /// The ids generation starts from: the tokenizer's own prefix (<see cref="BpeTokenizer.PrefixIds"/>:
    /// Sift's and Llama's BOS, none for Qwen; never twice when a chat template writes the BOS itself),
    /// then the rendered prompt.
    /// </summary>
    public int[] PromptTokens(BpeTokenizer tokenizer, string question)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        return tokenizer.EncodePrompt(Render(question), SpecialTokensInText);
    }

    /// <summary>The format with the question in place of the placeholder.</summary>
    private string Fill(string question)
    {
        var at = Format.IndexOf(Placeholder, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"prompt template '{Name}' has no {Placeholder} placeholder");
        }
        // Substitute by position, once: a question containing "{instruction}" stays literal.
        return string.Concat(Format.AsSpan(0, at), question, Format.AsSpan(at + Placeholder.Length));
    }

    private List<ChatMessage> Turns(string user) =>
        SystemPrompt is null ? [ChatMessage.User(user)] : [ChatMessage.System(SystemPrompt), ChatMessage.User(user)];
}
