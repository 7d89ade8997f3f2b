using System.Globalization;
using System.Text;
using Sift.Reports.Charts;

namespace Sift.Reports.Sections;

/// <summary>
/// Re-ranking accuracy against k (Sift.Eval.Selection.RerankReport) from results.json
/// <c>"rerank": {"k": [1, 2, 4, ...], "n_problems": N, "strategies": {"majority": {"1": acc, ...}, ...}}</c>,
/// or a results.json that is that object alone (`sift rerank --json`): one line per strategy on a log-k axis.
/// </summary>
public sealed class RerankSection : IReportSection
{
    public string Id => "rerank";
    public string Title => "Re-ranking: accuracy against k";

    public string? Render(RunData run)
    {
        var entry = ResultsEntry.Find(run.Results, "rerank", "strategies", "n_problems");
        if (entry.IsMissing) return null;
        if (!entry.IsObject) throw entry.Expected("an object");
        var strategies = entry["strategies"].Properties();
        if (strategies.Count == 0) return null;
        var ks = new SortedSet<double>();
        foreach (var k in entry["k"].Items()) ks.Add(k.Number());
        var series = new List<ChartSeries>();
        var byStrategy = new List<(string Name, Dictionary<double, double> Acc)>();
        foreach (var (name, curve) in strategies)
        {
            var acc = new Dictionary<double, double>();
            foreach (var (kText, value) in curve.Properties())
            {
                if (!double.TryParse(kText, NumberStyles.Float, CultureInfo.InvariantCulture, out var k))
                {
                    throw new InvalidDataException($"{value.File}: field '{value.Path}': the key '{kText}' is not a number k");
                }
                if (value.OptionalNumber() is { } a) acc[k] = a;
                ks.Add(k);
            }
            byStrategy.Add((name, acc));
            series.Add(new ChartSeries(name, acc.OrderBy(p => p.Key).Select(p => new ChartPoint(p.Key, p.Value)).ToList(), SeriesStyle.LineMarkers));
        }
        var chart = new LineChart("Accuracy against samples per problem k", new AxisSpec("samples per problem k", Log: true), AxisSpec.Percent("accuracy"), series);
        if (!chart.HasData) return null;
        var sb = new StringBuilder();
        if (entry["n_problems"].OptionalNumber() is { } n) sb.Append("<p class=\"meta\">").Append(Markup.Number(n, 0)).Append(" problems.</p>\n");
        sb.Append(chart.ToSvg()).Append('\n');
        var headers = new List<string> { "strategy" };
        headers.AddRange(ks.Select(k => "k=" + Markup.Number(k, 0)));
        var rows = byStrategy.Select(s => (IReadOnlyList<string>)new[] { s.Name }.Concat(ks.Select(k => s.Acc.TryGetValue(k, out var a) ? Markup.Percent(a) : "–")).ToList());
        sb.Append(HtmlTable.Render(headers, rows)).Append('\n');
        return sb.ToString();
    }
}
