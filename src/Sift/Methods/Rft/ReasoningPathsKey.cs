namespace Sift.Methods.Rft;

/// <summary>
/// The reasoning-path key of RFT (Yuan et al. 2023): the ordered list of calculator-annotation
/// equations of a solution, joined by "|", with spaces removed — as the paper's code does with
/// <c>'|'.join(re.findall(r'&lt;&lt;([^&gt;]*)&gt;&gt;', q)).replace(' ', '')</c> (OFA-Sys/gsm8k-ScRel,
/// collect_rejection_sampling.py). Annotations are scanned exactly as Sift.Grading's
/// <c>CalculatorAnnotations.Parse</c> does (each "&lt;&lt;" to the next "&gt;&gt;"; kept when it holds an '=',
/// is at most 500 characters and holds no nested "&lt;&lt;"), so this key equals
/// <c>CalculatorAnnotations.PathKey</c> on every input.
/// </summary>
public static class ReasoningPathKey
{
    private const int MaxAnnotations = 1000;
    private const int MaxAnnotationLength = 500;

    /// <summary>The annotation contents in order, as written (e.g. <c>"3 * 4=12"</c>).</summary>
    public static IReadOnlyList<string> Equations(string solution)
    {
        var equations = new List<string>();
        if (string.IsNullOrEmpty(solution))
        {
            return equations;
        }
        var at = 0;
        while (equations.Count < MaxAnnotations)
        {
            var open = solution.IndexOf("<<", at, StringComparison.Ordinal);
            if (open < 0)
            {
                break;
            }
            var close = solution.IndexOf(">>", open + 2, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }
            var raw = solution[(open + 2)..close];
            if (raw.Contains('=', StringComparison.Ordinal) && raw.Length <= MaxAnnotationLength && !raw.Contains("<<", StringComparison.Ordinal))
            {
                equations.Add(raw);
            }
            at = close + 2;
        }
        return equations;
    }

    /// <summary>The path key: equations joined by "|", spaces removed. Empty when the solution has no annotations.</summary>
    public static string Of(string solution) => string.Join('|', Equations(solution)).Replace(" ", "", StringComparison.Ordinal);
}
