namespace Sift.Eval.Selection;

/// <summary>Settings of <see cref="RerankSweep"/>.</summary>
/// <param name="Subsets">Random subsets of size k averaged per problem when k is below its sample count (all subsets when there are no more than this many).</param>
/// <param name="Seed">Root seed; each (problem, k) draws from its own named stream.</param>
/// <param name="Ks">The k values (default 1, 2, 4, ... below n, then n, with n the smallest per-problem sample count).</param>
/// <param name="ScoreTransform">How the weighted strategies' scores become weights (default: a sigmoid only when some score lies outside [0, 1]).</param>
public sealed record RerankSweepOptions(int Subsets = RerankSweepOptions.DefaultSubsets, ulong Seed = 0, IReadOnlyList<int>? Ks = null, ScoreTransform ScoreTransform = ScoreTransform.Auto)
{
    /// <summary>Random subsets per problem and k unless told otherwise (the CLI, the rerank stage and multi-task runs share it).</summary>
    public const int DefaultSubsets = 16;

    public static RerankSweepOptions Default { get; } = new();
}
