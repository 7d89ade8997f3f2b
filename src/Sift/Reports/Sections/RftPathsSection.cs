using System.Text;
using Sift.Reports.Charts;

namespace Sift.Reports.Sections;

/// <summary>
/// RFT's "reasoning paths grow with k" (Yuan et al. 2023) from results.json
/// <c>"rft_paths": {"k", "growth": [{"k", "distinct_paths_per_problem", "union_distinct_paths_per_problem", "coverage", "pass_at_k"}]}</c>:
/// distinct paths per problem against k (log axis), and a table with coverage and pass@k.
/// </summary>
public sealed class RftPathsSection : IReportSection
{
    public string Id => "rft-paths";
    public string Title => "RFT: distinct reasoning paths against k";

    public string? Render(RunData run)
    {
        var entry = run.Results["rft_paths"];
        var growth = entry["growth"].Items();
        if (growth.Count == 0) return null;
        var paths = new List<ChartPoint>();
        var union = new List<ChartPoint>();
        var table = new List<IReadOnlyList<string>>();
        foreach (var g in growth)
        {
            if (!g.IsObject) throw g.Expected("an object");
            double k = g["k"].Number();
            double? p = g["distinct_paths_per_problem"].OptionalNumber();
            double? u = g["union_distinct_paths_per_problem"].OptionalNumber();
            if (p is { } pv) paths.Add(new ChartPoint(k, pv));
            if (u is { } uv) union.Add(new ChartPoint(k, uv));
            table.Add([Markup.Number(k, 0), Markup.Number(p), Markup.Number(u), Markup.Percent(g["coverage"].OptionalNumber()), Markup.Percent(g["pass_at_k"].OptionalNumber())]);
        }
        var sb = new StringBuilder();
        if (entry["k"].OptionalNumber() is { } rftK) sb.Append("<p class=\"meta\">RFT trained with k = ").Append(Markup.Number(rftK, 0)).Append(" samples per problem; mean over seeds.</p>\n");
        var series = new List<ChartSeries> { new("distinct paths per problem (model A)", paths, SeriesStyle.LineMarkers) };
        if (union.Count > 0) series.Add(new ChartSeries("union of models A and B", union, SeriesStyle.LineMarkers));
        var chart = new LineChart("Distinct new reasoning paths per training problem", new AxisSpec("samples per problem k", Log: true), new AxisSpec("distinct paths per problem", IncludeZero: true), series);
        if (chart.HasData) sb.Append(chart.ToSvg()).Append('\n');
        sb.Append(HtmlTable.Render(["k", "paths/problem", "union paths/problem", "coverage", "pass@k"], table)).Append('\n');
        return sb.ToString();
    }
}
