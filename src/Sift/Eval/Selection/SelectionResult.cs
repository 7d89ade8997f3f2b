namespace Sift.Eval.Selection;

/// <summary>What a strategy picked.</summary>
/// <param name="Answer">The chosen final answer (null when no sample had a usable answer).</param>
/// <param name="Index">Index of the chosen sample in <see cref="ProblemSamples.Samples"/> (-1 when there were no samples).</param>
public sealed record SelectionResult(string? Answer, int Index)
{
    /// <summary>The selection over an empty sample list.</summary>
    public static SelectionResult Empty { get; } = new(null, -1);
}
