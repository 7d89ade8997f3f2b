namespace Sift.Eval.Selection;

/// <summary>Settings of <see cref="RerankSweep"/>.</summary>
/// <param name="Subsets">Random subsets of size k averaged per problem when k is below its sample count (all subsets when there are no more than this many).</param>
/// <param name="Seed">Root seed; each (problem, k) draws from its own named stream.</param>
/// <param name="Ks">The k values (default 1, 2, 4, ... below n, then n, with n the smallest per-problem sample count).</param>
/// <param name="ScoreTransform">How the weighted strategies' scores become weights (default: a sigmoid only when some score lies outside [0, 1]).</param>
public sealed record RerankSweepOptions(int Subsets = 16, ulong Seed = 0, IReadOnlyList<int>? Ks = null, ScoreTransform ScoreTransform = ScoreTransform.Auto)
{
    public static RerankSweepOptions Default { get; } = new();
}
