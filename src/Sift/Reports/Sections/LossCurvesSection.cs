using System.Text;
using Sift.Reports.Charts;

namespace Sift.Reports.Sections;

/// <summary>
/// Training loss (lines) and held-out loss (markers of the same colour) against the step, from every
/// <c>log.jsonl</c> of the run. A run whose stages repeat under several prefixes (a demo's
/// seed-1/sft-a, seed-2/sft-a, …) gets one chart per stage with one curve per prefix; otherwise one
/// chart holds every curve, labelled by its relative path.
/// </summary>
public sealed class LossCurvesSection : IReportSection
{
    public string Id => "loss";
    public string Title => "Loss curves";

    public string? Render(RunData run)
    {
        var curves = run.LossCurves;
        if (curves.Count == 0) return null;
        var sb = new StringBuilder();
        bool byStage = curves.Select(c => c.Prefix).Distinct(StringComparer.Ordinal).Count() > 1
            && curves.GroupBy(c => c.Stage, StringComparer.Ordinal).Any(g => g.Count() > 1);
        if (byStage)
        {
            foreach (var stage in curves.GroupBy(c => c.Stage, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var chart = Chart($"Loss: {stage.Key}", stage.ToList(), c => c.Prefix.Length == 0 ? c.RelativePath : c.Prefix);
                if (chart.HasData) sb.Append(chart.ToSvg()).Append('\n');
            }
        }
        else
        {
            var chart = Chart("Loss", curves, c => c.RelativePath == "." ? "run" : c.RelativePath);
            if (chart.HasData) sb.Append(chart.ToSvg()).Append('\n');
        }
        if (sb.Length == 0) return null;
        sb.Insert(0, "<p class=\"meta\">Lines: training loss (mean over the logging window); dots of the same colour: held-out loss.</p>\n");
        return sb.ToString();
    }

    private static LineChart Chart(string title, IReadOnlyList<LossCurve> curves, Func<LossCurve, string> label)
    {
        var series = new List<ChartSeries>();
        for (int i = 0; i < curves.Count; i++)
        {
            var c = curves[i];
            if (c.Train.Count > 0) series.Add(new ChartSeries(label(c), c.Train, SeriesStyle.Line, i));
            if (c.HeldOut.Count > 0) series.Add(new ChartSeries($"{label(c)} held-out", c.HeldOut, SeriesStyle.Markers, i) { InLegend = c.Train.Count == 0 });
        }
        return new LineChart(title, new AxisSpec("step"), new AxisSpec("loss (nats/token)"), series);
    }
}
