using System.Text;

namespace Sift.Reports.Charts;

/// <summary>
/// A line/scatter chart as inline SVG: linear or log axes with ticks, one colour per series,
/// markers, dashed lines and a legend. Points that an axis cannot place (non-finite, or not
/// positive on a log axis) are left out; a chart with no placeable point has no <see cref="HasData"/>.
/// </summary>
public sealed class LineChart(string title, AxisSpec xAxis, AxisSpec yAxis, IReadOnlyList<ChartSeries> series)
{
    public string Title { get; } = title;
    public AxisSpec XAxis { get; } = xAxis;
    public AxisSpec YAxis { get; } = yAxis;
    public IReadOnlyList<ChartSeries> Series { get; } = series;

    /// <summary>Whether any series has a point the axes can place.</summary>
    public bool HasData => Series.Any(s => s.Points.Any(Placeable));

    /// <summary>The chart as one &lt;svg&gt; element.</summary>
    public string ToSvg()
    {
        var points = Series.SelectMany(s => s.Points).Where(Placeable).ToList();
        if (points.Count == 0) throw new InvalidOperationException($"chart '{Title}' has no points to draw");
        var xs = XAxis.Log ? AxisScale.Log(points.Min(p => p.X), points.Max(p => p.X)) : AxisScale.Linear(points.Min(p => p.X), points.Max(p => p.X), XAxis.IncludeZero);
        var ys = YAxis.Log ? AxisScale.Log(points.Min(p => p.Y), points.Max(p => p.Y)) : AxisScale.Linear(points.Min(p => p.Y), points.Max(p => p.Y), YAxis.IncludeZero);

        var legend = Series.Select((s, i) => (s, i)).Where(x => x.s.InLegend).Select(x => new LegendEntry(x.s.Name, x.s.ColorIndex ?? x.i, x.s.Style)).ToList();
        var canvas = new SvgCanvas(Title, legend);
        var c = Markup.Coord;
        for (int i = 0; i < Series.Count; i++)
        {
            var s = Series[i];
            var placed = s.Points.Where(Placeable).Select(p => (X: SvgCanvas.X(xs.Fraction(p.X)), Y: SvgCanvas.Y(ys.Fraction(p.Y)), P: p)).ToList();
            if (placed.Count == 0) continue;
            int colorIndex = s.ColorIndex ?? i;
            string color = ChartPalette.Color(colorIndex);
            string name = Markup.Escape(s.Name);
            if (s.Style != SeriesStyle.Markers && placed.Count > 1)
            {
                var d = new StringBuilder();
                for (int j = 0; j < placed.Count; j++) d.Append(j == 0 ? "M" : " L").Append(c(placed[j].X)).Append(' ').Append(c(placed[j].Y));
                string dash = s.Style == SeriesStyle.Dashed ? "5 3" : ChartPalette.Dash(colorIndex);
                canvas.Add($"<path class=\"mark line\" d=\"{d}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"{(dash.Length > 0 ? $" stroke-dasharray=\"{dash}\"" : "")}><title>{name}</title></path>");
            }
            if (s.Style is SeriesStyle.Markers or SeriesStyle.LineMarkers || placed.Count == 1)
            {
                foreach (var (x, y, p) in placed)
                {
                    canvas.Add($"<circle class=\"mark point\" cx=\"{c(x)}\" cy=\"{c(y)}\" r=\"3.5\" fill=\"{color}\"><title>{name}: {Markup.Escape(XAxis.FormatValue(p.X))}, {Markup.Escape(YAxis.FormatValue(p.Y))}</title></circle>");
                }
            }
        }
        var xTicks = xs.Ticks.Select(t => (SvgCanvas.X(xs.Fraction(t)), XAxis.FormatTick(t))).ToList();
        return canvas.Render(xTicks, XAxis.Label, ys, YAxis);
    }

    private bool Placeable(ChartPoint p) =>
        double.IsFinite(p.X) && double.IsFinite(p.Y) && (!XAxis.Log || p.X > 0) && (!YAxis.Log || p.Y > 0);
}
