namespace Sift.Reports.Charts;

/// <summary>
/// A grouped bar chart as inline SVG: one group per category along x, one coloured bar per series
/// in each group, bars from zero, value labels above the bars, a legend of the series.
/// </summary>
public sealed class BarChart(string title, IReadOnlyList<string> categories, AxisSpec yAxis, IReadOnlyList<BarSeries> series)
{
    public string Title { get; } = title;
    public IReadOnlyList<string> Categories { get; } = categories;
    public AxisSpec YAxis { get; } = yAxis;
    public IReadOnlyList<BarSeries> Series { get; } = series;

    /// <summary>Whether any bar has a finite value.</summary>
    public bool HasData => Series.Any(s => s.Values.Any(v => v is { } x && double.IsFinite(x)));

    public string ToSvg()
    {
        if (!HasData) throw new InvalidOperationException($"chart '{Title}' has no bars to draw");
        foreach (var s in Series)
        {
            if (s.Values.Count != Categories.Count) throw new ArgumentException($"bar series '{s.Name}' has {s.Values.Count} values for {Categories.Count} categories");
        }
        var values = Series.SelectMany(s => s.Values).Where(v => v is { } x && double.IsFinite(x)).Select(v => v!.Value).ToList();
        var ys = AxisScale.Linear(values.Min(), values.Max(), includeZero: true);
        var legend = Series.Select((s, i) => new LegendEntry(s.Name, i, SeriesStyle.Line, Bar: true)).ToList();
        var canvas = new SvgCanvas(Title, legend);
        var c = Markup.Coord;
        double groupWidth = SvgCanvas.PlotWidth / Categories.Count;
        double barWidth = Math.Min(48, groupWidth * 0.8 / Math.Max(1, Series.Count));
        double zero = SvgCanvas.Y(ys.Fraction(0));
        bool labels = Categories.Count * Series.Count <= 32;
        var xTicks = new List<(double, string)>();
        for (int g = 0; g < Categories.Count; g++)
        {
            double center = SvgCanvas.PlotLeft + (g + 0.5) * groupWidth;
            xTicks.Add((center, Categories[g]));
            double start = center - barWidth * Series.Count / 2;
            for (int i = 0; i < Series.Count; i++)
            {
                if (Series[i].Values[g] is not { } v || !double.IsFinite(v)) continue;
                double y = SvgCanvas.Y(ys.Fraction(v));
                double top = Math.Min(y, zero), height = Math.Max(0.5, Math.Abs(zero - y));
                double x = start + i * barWidth;
                string label = YAxis.FormatValue(v);
                canvas.Add($"<rect class=\"mark bar\" x=\"{c(x + 1)}\" y=\"{c(top)}\" width=\"{c(barWidth - 2)}\" height=\"{c(height)}\" fill=\"{ChartPalette.Color(i)}\"><title>{Markup.Escape(Categories[g])}, {Markup.Escape(Series[i].Name)}: {Markup.Escape(label)}</title></rect>");
                if (labels)
                {
                    canvas.Add($"<text class=\"bar-label\" x=\"{c(x + barWidth / 2)}\" y=\"{c(top - 4)}\" text-anchor=\"middle\">{Markup.Escape(label)}</text>");
                }
            }
        }
        return canvas.Render(xTicks, "", ys, YAxis);
    }
}
