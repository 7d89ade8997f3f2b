using System.Globalization;
using System.Text.Json.Nodes;

namespace Sift.Eval;

/// <summary>The metrics of one evaluation (fractions, not percent).</summary>
/// <param name="Problems">Problems evaluated.</param>
/// <param name="GreedyAccuracy">Greedy accuracy (maj1@1); null when greedy decoding was not run.</param>
/// <param name="MajorityAccuracy">maj1@k over the k samples (grader-equivalent answers vote together); null when k = 0.</param>
/// <param name="K">Samples per problem.</param>
/// <param name="PassAtK">Unbiased pass@k for k = 1, 2, 4, … ≤ n (and n itself).</param>
/// <param name="Seconds">Wall time of generation and grading.</param>
/// <param name="GeneratedTokens">New tokens generated.</param>
public sealed record EvalReport(int Problems, double? GreedyAccuracy, double? MajorityAccuracy, int K, IReadOnlyDictionary<int, double> PassAtK, double Seconds, long GeneratedTokens)
{
    public double ProblemsPerSecond => Problems / Math.Max(1e-9, Seconds);

    public double TokensPerSecond => GeneratedTokens / Math.Max(1e-9, Seconds);

    public JsonObject ToJson()
    {
        var pass = new JsonObject();
        foreach (var (k, v) in PassAtK.OrderBy(x => x.Key)) pass[k.ToString(CultureInfo.InvariantCulture)] = Math.Round(v, 6);
        return new JsonObject
        {
            ["problems"] = Problems,
            ["greedy"] = GreedyAccuracy is { } g ? Math.Round(g, 6) : null,
            ["maj_k"] = MajorityAccuracy is { } m ? Math.Round(m, 6) : null,
            ["k"] = K,
            ["pass_at_k"] = pass,
            ["seconds"] = Math.Round(Seconds, 3),
            ["generated_tokens"] = GeneratedTokens,
            ["problems_per_s"] = Math.Round(ProblemsPerSecond, 3),
            ["tokens_per_s"] = Math.Round(TokensPerSecond, 1),
        };
    }

    /// <summary>A one-line human summary.</summary>
    public string Summary()
    {
        var inv = CultureInfo.InvariantCulture;
        var parts = new List<string> { $"{Problems} problems" };
        if (GreedyAccuracy is { } g) parts.Add(string.Format(inv, "greedy {0:P1}", g));
        if (MajorityAccuracy is { } m) parts.Add(string.Format(inv, "maj1@{0} {1:P1}", K, m));
        foreach (var (k, v) in PassAtK.OrderBy(x => x.Key)) parts.Add(string.Format(inv, "pass@{0} {1:P1}", k, v));
        parts.Add(string.Format(inv, "{0:F2} problems/s, {1:F0} tokens/s ({2:F1} s)", ProblemsPerSecond, TokensPerSecond, Seconds));
        return string.Join(", ", parts);
    }
}
