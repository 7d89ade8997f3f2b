using Sift.Model.Generation;

namespace Sift.Inference;

/// <summary>One prompt's continuation (`sift generate`): the ids in and out, and the text when a tokenizer decoded it.</summary>
/// <param name="PromptIds">The prompt as the model saw it (BOS included when one was added).</param>
/// <param name="Ids">The new tokens, a final stop token included.</param>
/// <param name="Text">The new tokens decoded (special tokens kept, as llama.cpp prints them); null without a tokenizer.</param>
/// <param name="Reason">Why generation ended.</param>
public sealed record Continuation(IReadOnlyList<int> PromptIds, IReadOnlyList<int> Ids, string? Text, FinishReason Reason);
