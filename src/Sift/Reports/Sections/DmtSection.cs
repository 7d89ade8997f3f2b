using System.Text;

namespace Sift.Reports.Sections;

/// <summary>
/// Data composition (Dong et al. 2023) from results.json
/// <c>"dmt": {"k": 0.0625, "strategies": {"multi_task": {"math": x, "code": x, "general": x, "per_seed": [...]}, "sequential": ..., "mixed_sequential": ..., "dmt": ...}}</c>:
/// the three abilities per strategy (final stage, mean over seeds) as grouped bars.
/// </summary>
public sealed class DmtSection : IReportSection
{
    public string Id => "dmt";
    public string Title => "Data composition: abilities per mixture strategy";

    public string? Render(RunData run)
    {
        var entry = run.Results["dmt"];
        if (entry.IsMissing) return null;
        if (!entry.IsObject) throw entry.Expected("an object");
        var scores = StrategyScores.Read(entry["strategies"], onlyStrategies: true, "math", "code", "general");
        if (scores.IsEmpty) return null;
        var sb = new StringBuilder();
        if (entry["k"].OptionalNumber() is { } k)
        {
            sb.Append("<p class=\"meta\">DMT's second stage keeps a fraction k = ").Append(Markup.Number(k, 4)).Append(" of each specialised source; scores after the final stage, mean over seeds.</p>\n");
        }
        sb.Append(scores.Render("Math, code and general ability per strategy"));
        return sb.ToString();
    }
}
