using System.Globalization;

namespace Sift.Data.Synthetic;

/// <summary>GSM8K-style solution text: one annotated equation per line, then <c>#### N</c>.</summary>
internal static class SolutionText
{
    public static string Of(IReadOnlyList<Step> steps)
        => string.Join('\n', steps.Select(s => s.Line)) + "\n#### " + steps[^1].Result.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ordered equations joined by "|" (the RFT path key of this solution).</summary>
    public static string PathOf(IReadOnlyList<Step> steps) => string.Join('|', steps.Select(s => s.Equation));
}
