using System.Text;
using Sift.Reports.Charts;

namespace Sift.Reports.Sections;

/// <summary>
/// A scaling sweep (the RFT paper's data-amount and pre-training-loss findings) from results.json
/// <c>"sweep": {"axis", "points": [{"name", "fraction", "amount", "model", "k", "seed", "accuracy", "final_loss", "held_out_loss"}],
/// "fits": [{"x", "y", "kind": "log_linear" | "linear", "a", "b", "r2", "group", "log_base"?}]}</c>:
/// accuracy against data amount (log axis) and against each fitted x (final loss), points as markers,
/// fits as dashed lines with R² in the legend. A log_linear fit is y = a + b·log(x), natural log unless "log_base" says otherwise.
/// </summary>
public sealed class SweepSection : IReportSection
{
    private const int FitSamples = 48;

    public string Id => "sweep";
    public string Title => "Scaling sweep";

    public string? Render(RunData run)
    {
        var entry = run.Results["sweep"];
        if (entry.IsMissing) return null;
        if (!entry.IsObject) throw entry.Expected("an object");
        var points = entry["points"].Items();
        foreach (var p in points)
        {
            if (!p.IsObject) throw p.Expected("an object");
        }
        var fits = entry["fits"].Items();
        foreach (var f in fits)
        {
            if (!f.IsObject) throw f.Expected("an object");
        }
        if (points.Count == 0) return null;

        bool hasModel = points.Select(p => p["model"].OptionalText()).Distinct().Count() > 1;
        string GroupOf(JsonField p) => p["group"].OptionalText() ?? (hasModel ? p["model"].OptionalText() ?? "" : "");

        var xFields = new List<string> { points.Any(p => p["amount"].OptionalNumber() is not null) ? "amount" : "fraction" };
        foreach (var f in fits)
        {
            if (f["x"].OptionalText() is { } x && !xFields.Contains(x)) xFields.Add(x);
        }
        if (!xFields.Contains("final_loss") && points.Any(p => p["final_loss"].OptionalNumber() is not null)) xFields.Add("final_loss");

        var sb = new StringBuilder();
        if (entry["axis"].OptionalText() is { } axis) sb.Append("<p class=\"meta\">Swept axis: ").Append(Markup.Escape(axis)).Append(".</p>\n");
        foreach (var xField in xFields)
        {
            var chartFits = fits.Where(f => f["x"].OptionalText() == xField && (f["y"].OptionalText() ?? "accuracy") == "accuracy").ToList();
            bool log = xField is "amount" or "fraction" || chartFits.Any(f => f["kind"].OptionalText() == "log_linear");
            var chart = Chart(points, chartFits, xField, log, GroupOf);
            if (chart.HasData) sb.Append(chart.ToSvg()).Append('\n');
        }
        sb.Append(PointsTable(points)).Append('\n');
        if (fits.Count > 0)
        {
            var rows = fits.Select(f => (IReadOnlyList<string>)[f["x"].OptionalText() ?? "", f["y"].OptionalText() ?? "accuracy", f["kind"].OptionalText() ?? "", f["group"].OptionalText() ?? "",
                Markup.Number(f["a"].OptionalNumber(), 4), Markup.Number(f["b"].OptionalNumber(), 4), Markup.Number(f["r2"].OptionalNumber(), 3)]);
            sb.Append(HtmlTable.Render(["fit x", "y", "kind", "group", "a", "b", "R²"], rows)).Append('\n');
        }
        return sb.ToString();
    }

    private static LineChart Chart(IReadOnlyList<JsonField> points, IReadOnlyList<JsonField> fits, string xField, bool log, Func<JsonField, string> groupOf)
    {
        var series = new List<ChartSeries>();
        var groups = new List<string>();
        var byGroup = new Dictionary<string, List<ChartPoint>>(StringComparer.Ordinal);
        foreach (var p in points)
        {
            if (p[xField].OptionalNumber() is not { } x || p["accuracy"].OptionalNumber() is not { } y) continue;
            string g = groupOf(p);
            if (!byGroup.TryGetValue(g, out var list))
            {
                byGroup[g] = list = [];
                groups.Add(g);
            }
            list.Add(new ChartPoint(x, y));
        }
        for (int i = 0; i < groups.Count; i++)
        {
            var name = groups[i].Length == 0 ? "accuracy" : $"accuracy, {groups[i]}";
            series.Add(new ChartSeries(name, byGroup[groups[i]].OrderBy(p => p.X).ToList(), SeriesStyle.Markers, i));
        }
        var all = byGroup.Values.SelectMany(v => v).Where(p => !log || p.X > 0).ToList();
        foreach (var f in fits)
        {
            string group = f["group"].OptionalText() ?? "";
            var range = byGroup.TryGetValue(group, out var own) && own.Count > 0 ? own.Where(p => !log || p.X > 0).ToList() : all;
            if (range.Count == 0) continue;
            var line = FitLine(f, range.Min(p => p.X), range.Max(p => p.X), log);
            if (line is null) continue;
            int color = groups.IndexOf(group) is var gi && gi >= 0 ? gi : series.Count;
            series.Add(new ChartSeries(FitLabel(f, xField), line, SeriesStyle.Dashed, color));
        }
        string xLabel = xField switch
        {
            "amount" => "training examples (log scale)",
            "fraction" => "fraction of the training data (log scale)",
            "final_loss" => "final training loss",
            _ => log ? $"{xField} (log scale)" : xField,
        };
        return new LineChart($"Accuracy against {xField.Replace('_', ' ')}", new AxisSpec(xLabel, Log: log), AxisSpec.Percent("accuracy"), series);
    }

    private static List<ChartPoint>? FitLine(JsonField fit, double lo, double hi, bool logAxis)
    {
        if (fit["a"].OptionalNumber() is not { } a || fit["b"].OptionalNumber() is not { } b) return null;
        string kind = fit["kind"].OptionalText() ?? "linear";
        double logBase = fit["log_base"].OptionalNumber() ?? Math.E;
        Func<double, double>? f = kind switch
        {
            "log_linear" => x => a + b * Math.Log(x) / Math.Log(logBase),
            "linear" => x => a + b * x,
            _ => null,
        };
        if (f is null) return null;
        var line = new List<ChartPoint>(FitSamples);
        for (int i = 0; i < FitSamples; i++)
        {
            double t = (double)i / (FitSamples - 1);
            double x = logAxis ? Math.Exp(Math.Log(lo) + t * (Math.Log(hi) - Math.Log(lo))) : lo + t * (hi - lo);
            line.Add(new ChartPoint(x, f(x)));
        }
        return line;
    }

    private static string FitLabel(JsonField fit, string xField)
    {
        string kind = fit["kind"].OptionalText() ?? "linear";
        string a = Markup.Number(fit["a"].OptionalNumber(), 3);
        double? bValue = fit["b"].OptionalNumber();
        string b = (bValue < 0 ? " − " : " + ") + Markup.Number(bValue is { } bv ? Math.Abs(bv) : null, 3);
        string logName = fit["log_base"].OptionalNumber() is { } lb ? $"log{Markup.Number(lb, 0)}" : "ln";
        string term = kind == "log_linear" ? $"{logName}({xField})" : xField;
        string group = fit["group"].OptionalText() is { Length: > 0 } g ? $" [{g}]" : "";
        string r2 = fit["r2"].OptionalNumber() is { } r ? $", R² = {Markup.Number(r, 3)}" : "";
        return $"fit{group}: {a}{b}·{term}{r2}";
    }

    private static string PointsTable(IReadOnlyList<JsonField> points)
    {
        var columns = new List<string>();
        foreach (var p in points)
        {
            foreach (var (key, value) in p.Properties())
            {
                if (!columns.Contains(key) && value.Node is System.Text.Json.Nodes.JsonValue) columns.Add(key);
            }
        }
        var rows = points.Select(p => (IReadOnlyList<string>)columns.Select(c =>
        {
            var v = p[c];
            if (v.Node is not System.Text.Json.Nodes.JsonValue) return "–";
            if (!v.IsNumber) return v.OptionalText() ?? "";
            return c == "accuracy" ? Markup.Percent(v.Number()) : Markup.Number(v.Number(), 4);
        }).ToList());
        return HtmlTable.Render(columns, rows);
    }
}
