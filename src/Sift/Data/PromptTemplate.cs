namespace Sift.Data;

/// <summary>
/// Turns a question into the prompt a model sees. The response is appended by the caller after
/// <see cref="ResponsePrefix"/>; <see cref="Build"/> returns both parts separately, so loss masking
/// knows the prompt/response boundary by position and never searches for template text.
/// </summary>
/// <param name="Name">Name used in configs and on the command line.</param>
/// <param name="Format">The prompt with <c>{instruction}</c> where the question goes.</param>
/// <param name="ResponsePrefix">Text between the prompt and the response; it belongs to the prompt side (weight 0).</param>
public sealed record PromptTemplate(string Name, string Format, string ResponsePrefix)
{
    /// <summary>The placeholder the question replaces.</summary>
    public const string Placeholder = "{instruction}";

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

    /// <summary>The built-in templates.</summary>
    public static IReadOnlyList<PromptTemplate> All { get; } = [Alpaca, Plain];

    /// <summary>A built-in template by name (case-insensitive).</summary>
    public static PromptTemplate ByName(string name)
        => All.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new ArgumentException($"unknown prompt template '{name}'; known: {string.Join(", ", All.Select(t => t.Name))}", nameof(name));

    /// <summary>The prompt for <paramref name="question"/>, including the response prefix: generation starts right after it.</summary>
    public string Render(string question)
    {
        var at = Format.IndexOf(Placeholder, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"prompt template '{Name}' has no {Placeholder} placeholder");
        }
        // Substitute by position, once: a question containing "{instruction}" stays literal.
        return string.Concat(Format.AsSpan(0, at), question, Format.AsSpan(at + Placeholder.Length), ResponsePrefix);
    }

    /// <summary>The prompt and the response as two parts; the training text is <c>Prompt + Response</c>.</summary>
    public PromptedText Build(string question, string response) => new(Render(question), response);
}
