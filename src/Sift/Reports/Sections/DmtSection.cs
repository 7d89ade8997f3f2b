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
        sb.Append(scores.Render("Ability scores per mixture strategy (final stage)"));
        sb.Append(StageTable(entry["strategies"]));
        return sb.ToString();
    }

    // The scores after each stage ("stages": [{"stage", "examples", "epochs", "math", ...}]), where the run wrote them:
    // this is where sequential training's forgetting shows.
    private static string StageTable(JsonField strategies)
    {
        var fields = new List<string>();
        var rows = new List<(string Strategy, string Stage, JsonField Values)>();
        foreach (var (name, strategy) in strategies.Properties())
        {
            foreach (var stage in strategy["stages"].Items())
            {
                if (!stage.IsObject) throw stage.Expected("an object");
                rows.Add((name, stage["stage"].OptionalText() ?? "", stage));
                foreach (var (field, v) in stage.Properties())
                {
                    if (v.IsNumber && !fields.Contains(field)) fields.Add(field);
                }
            }
        }
        if (rows.Count == 0) return "";
        var headers = new List<string> { "strategy", "stage" };
        headers.AddRange(fields);
        var table = rows.Select(r =>
        {
            var cells = new List<string> { r.Strategy, r.Stage };
            cells.AddRange(fields.Select(f => r.Values[f].OptionalNumber() is { } v ? (v is >= 0 and <= 1 && f is not ("examples" or "epochs") ? Markup.Percent(v) : Markup.Number(v)) : "–"));
            return (IReadOnlyList<string>)cells;
        });
        return "<p class=\"meta\">Scores after each stage:</p>\n" + HtmlTable.Render(headers, table) + "\n";
    }
}
