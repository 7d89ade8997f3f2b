using System.Text.RegularExpressions;

namespace Sift.Methods.Rft;

/// <summary>
/// The reasoning-path key of RFT (Yuan et al. 2023): the ordered list of calculator-annotation
/// equations of a solution, joined by "|", with spaces removed — as the paper's code does with
/// <c>'|'.join(re.findall(pattern, q)).replace(' ', '')</c> (OFA-Sys/gsm8k-ScRel,
/// collect_rejection_sampling.py). The annotation pattern excludes '&lt;' as well as '&gt;' so a stray
/// "&lt;&lt;" never swallows the next annotation; output equals Sift.Grading's CalculatorAnnotations.PathKey.
/// </summary>
public static partial class ReasoningPathKey
{
    [GeneratedRegex("<<([^<>]*)>>", RegexOptions.CultureInvariant)]
    private static partial Regex Annotation();

    /// <summary>The annotation contents in order, as written (e.g. <c>"3 * 4=12"</c>).</summary>
    public static IReadOnlyList<string> Equations(string solution)
        => Annotation().Matches(solution).Select(m => m.Groups[1].Value).ToList();

    /// <summary>The path key: equations joined by "|", spaces removed. Empty when the solution has no annotations.</summary>
    public static string Of(string solution) => string.Join('|', Equations(solution)).Replace(" ", "", StringComparison.Ordinal);
}
