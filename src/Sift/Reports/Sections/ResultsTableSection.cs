using System.Text;
using Sift.Reports.Charts;

namespace Sift.Reports.Sections;

/// <summary>
/// The main results table from results.json <c>"rows": [{"method", "greedy", "maj_k", "k", "per_seed": [{"seed", "greedy", "maj_k"}]}]</c>
/// (Sift.Pipelines.ExperimentResults), with a bar chart of greedy and maj1@k per method.
/// </summary>
public sealed class ResultsTableSection : IReportSection
{
    public string Id => "results";
    public string Title => "Results";

    public string? Render(RunData run)
    {
        var rows = run.Results["rows"].Items();
        if (rows.Count == 0) return null;
        var methods = new List<string>();
        var greedy = new List<double?>();
        var majority = new List<double?>();
        var table = new List<IReadOnlyList<string>>();
        var ks = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (!row.IsObject) throw row.Expected("an object");
            string method = row["method"].OptionalText() ?? throw new InvalidDataException($"{row.File}: field '{row.Path}.method' is missing");
            double? g = row["greedy"].OptionalNumber();
            double? m = row["maj_k"].OptionalNumber();
            string k = row["k"].OptionalText() ?? "";
            if (k.Length > 0) ks.Add(k);
            var perSeed = row["per_seed"].Items().Select(s => $"{s["seed"].OptionalText() ?? "?"}: {Markup.Percent(s["greedy"].OptionalNumber())}");
            methods.Add(method);
            greedy.Add(g);
            majority.Add(m);
            table.Add([method, Markup.Percent(g), Markup.Percent(m), k, string.Join(", ", perSeed)]);
        }
        string majName = ks.Count == 1 ? $"maj1@{ks.Min}" : "maj1@k";
        var sb = new StringBuilder();
        var meta = new List<string>();
        if (run.Results["test_problems"].OptionalNumber() is { } n) meta.Add($"{n:0} test problems");
        var seeds = run.Results["seeds"].Items().Select(s => s.OptionalText() ?? "?").ToList();
        if (seeds.Count > 0) meta.Add($"seeds {string.Join(", ", seeds)} (values are means over seeds)");
        if (run.Results["seconds"].OptionalNumber() is { } secs) meta.Add($"{secs:0} s");
        if (meta.Count > 0) sb.Append("<p class=\"meta\">").Append(Markup.Escape(string.Join("; ", meta))).Append("</p>\n");
        sb.Append(HtmlTable.Render(["method", "greedy", majName, "k", "per seed (greedy)"], table)).Append('\n');
        var chart = new BarChart("Test accuracy per method", methods, AxisSpec.Percent("accuracy", includeZero: true),
            [new BarSeries("greedy", greedy), new BarSeries(majName, majority)]);
        if (chart.HasData) sb.Append(chart.ToSvg()).Append('\n');
        return sb.ToString();
    }
}
