namespace Sift.Model.Generation;

/// <summary>One finished completion.</summary>
/// <param name="Index">Sequence index (its position in the prompt list plus the first index given); seeds its RNG.</param>
/// <param name="Tokens">The new tokens (prompt excluded), including a final stop token.</param>
/// <param name="Text">Decoded completion, cut before a stop string; null when no decoder was given.</param>
/// <param name="Reason">Why it ended.</param>
public sealed record GeneratedSequence(int Index, int[] Tokens, string? Text, FinishReason Reason);
