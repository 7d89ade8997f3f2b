namespace Sift.Data;

/// <summary>
/// A training or sampling text in two parts. The boundary is a position (<see cref="PromptLength"/>),
/// so the trainer weights by position: prompt characters get loss weight 0, response characters 1.
/// </summary>
/// <param name="Prompt">Everything the model is given (template, question, response prefix).</param>
/// <param name="Response">What the model should produce (the caller appends an end-of-text token if it wants one).</param>
public sealed record PromptedText(string Prompt, string Response)
{
    /// <summary>The full text, <c>Prompt + Response</c>.</summary>
    public string Text => Prompt + Response;

    /// <summary>Where the response starts in <see cref="Text"/>.</summary>
    public int PromptLength => Prompt.Length;
}
