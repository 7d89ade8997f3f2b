namespace Sift.Training.Sft;

/// <summary>
/// One tokenised training example: <c>[BOS] prompt response [EOS]</c>. The loss covers the response
/// and EOS only; the boundary is a token position (<see cref="PromptLength"/>), never a text search.
/// Position t of a batch row predicts <c>Tokens[t + 1]</c> with weight 1 iff <c>t + 1 ≥ PromptLength</c>.
/// </summary>
/// <param name="Tokens">BOS, prompt, response and EOS token ids.</param>
/// <param name="PromptLength">Tokens that belong to the prompt side (BOS included): weight 0.</param>
public sealed record SftExample(int[] Tokens, int PromptLength)
{
    /// <summary>Input positions (one fewer than tokens): the row length the example needs.</summary>
    public int InputLength => Tokens.Length - 1;

    /// <summary>Tokens that carry loss (response + EOS).</summary>
    public int ResponseTokens => Tokens.Length - PromptLength;

    /// <summary>The loss weight of input position <paramref name="t"/> (predicting token t+1).</summary>
    public float WeightAt(int t) => t + 1 >= PromptLength ? 1f : 0f;
}
