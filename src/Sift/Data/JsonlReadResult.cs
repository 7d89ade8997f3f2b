namespace Sift.Data;

/// <summary>What <see cref="JsonlDataset.Read"/> returns: the rows it read and, with skip-invalid, what it skipped.</summary>
/// <param name="Problems">The valid rows, in file order.</param>
/// <param name="SkippedCount">Rows skipped as invalid (always 0 without skip-invalid, which throws instead).</param>
/// <param name="SkipReasons">The first few skip reasons, each <c>file:line: ...</c>.</param>
public sealed record JsonlReadResult(IReadOnlyList<MathProblem> Problems, int SkippedCount, IReadOnlyList<string> SkipReasons)
{
    /// <summary>"skipped N invalid rows (first: file:line: ...)", or null when nothing was skipped.</summary>
    public string? SkipSummary => SkippedCount == 0
        ? null
        : $"skipped {SkippedCount} invalid rows" + (SkipReasons.Count > 0 ? $" (first: {SkipReasons[0]})" : "");
}
