namespace Sift.Eval.Selection;

/// <summary>The problems read by <see cref="RerankInput.Read"/> and what was skipped.</summary>
public sealed record RerankInputResult(IReadOnlyList<ProblemSamples> Problems, int InvalidRows, IReadOnlyList<string> InvalidMessages);
