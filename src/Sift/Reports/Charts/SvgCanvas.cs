using System.Text;

namespace Sift.Reports.Charts;

/// <summary>
/// The frame every chart shares: an <c>&lt;svg class="chart"&gt;</c> with a title, a plot area with
/// gridlines, tick labels and axis labels, and a legend wrapped in rows below the plot. Charts add
/// their marks (class "mark") in plot coordinates via <see cref="X"/> and <see cref="Y"/>.
/// </summary>
internal sealed class SvgCanvas
{
    public const double Width = 720;
    private const double Left = 68, Right = 20, Top = 40, PlotHeight = 260, AxisBand = 52;
    private const double LegendRow = 18, CharWidth = 6.6;

    private readonly StringBuilder _marks = new();
    private readonly string _title;
    private readonly IReadOnlyList<LegendEntry> _legend;
    private readonly List<List<(LegendEntry Entry, double X)>> _legendRows;

    public SvgCanvas(string title, IReadOnlyList<LegendEntry> legend)
    {
        _title = title;
        _legend = legend;
        _legendRows = LayoutLegend(legend);
    }

    public static double PlotLeft => Left;
    public static double PlotWidth => Width - Left - Right;
    public static double PlotBottom => Top + PlotHeight;

    public double Height => Top + PlotHeight + AxisBand + _legendRows.Count * LegendRow + (_legendRows.Count > 0 ? 6 : 0);

    /// <summary>The plot x of a fraction in [0, 1] of the x axis.</summary>
    public static double X(double fraction) => Left + fraction * PlotWidth;

    /// <summary>The plot y of a fraction in [0, 1] of the y axis (0 at the bottom).</summary>
    public static double Y(double fraction) => Top + (1 - fraction) * PlotHeight;

    /// <summary>Appends raw SVG (already escaped) to the marks layer.</summary>
    public void Add(string svg) => _marks.Append(svg).Append('\n');

    /// <summary>Writes the whole chart; <paramref name="xTicks"/> are (plot x, label) pairs, <paramref name="yAxis"/> draws gridlines.</summary>
    public string Render(IReadOnlyList<(double X, string Label)> xTicks, string xLabel, AxisScale yAxis, AxisSpec ySpec)
    {
        var sb = new StringBuilder();
        var c = Markup.Coord;
        sb.Append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 ").Append(c(Width)).Append(' ').Append(c(Height))
          .Append("\" width=\"").Append(c(Width)).Append("\" height=\"").Append(c(Height)).Append("\" aria-label=\"").Append(Markup.Escape(_title)).Append("\">\n");
        sb.Append("<title>").Append(Markup.Escape(_title)).Append("</title>\n");
        sb.Append("<text class=\"chart-title\" x=\"").Append(c(Width / 2)).Append("\" y=\"22\" text-anchor=\"middle\">").Append(Markup.Escape(_title)).Append("</text>\n");
        // Gridlines and y tick labels.
        foreach (var t in yAxis.Ticks)
        {
            double y = Y(yAxis.Fraction(t));
            sb.Append("<line class=\"grid\" x1=\"").Append(c(Left)).Append("\" x2=\"").Append(c(Width - Right)).Append("\" y1=\"").Append(c(y)).Append("\" y2=\"").Append(c(y)).Append("\"/>\n");
            sb.Append("<text class=\"tick\" x=\"").Append(c(Left - 6)).Append("\" y=\"").Append(c(y + 4)).Append("\" text-anchor=\"end\">").Append(Markup.Escape(ySpec.FormatTick(t))).Append("</text>\n");
        }
        foreach (var (x, label) in xTicks)
        {
            sb.Append("<line class=\"tick-mark\" x1=\"").Append(c(x)).Append("\" x2=\"").Append(c(x)).Append("\" y1=\"").Append(c(PlotBottom)).Append("\" y2=\"").Append(c(PlotBottom + 5)).Append("\"/>\n");
            sb.Append("<text class=\"tick\" x=\"").Append(c(x)).Append("\" y=\"").Append(c(PlotBottom + 18)).Append("\" text-anchor=\"middle\">").Append(Markup.Escape(label)).Append("</text>\n");
        }
        sb.Append("<rect class=\"frame\" x=\"").Append(c(Left)).Append("\" y=\"").Append(c(Top)).Append("\" width=\"").Append(c(PlotWidth)).Append("\" height=\"").Append(c(PlotHeight)).Append("\"/>\n");
        sb.Append("<text class=\"axis-label\" x=\"").Append(c(Left + PlotWidth / 2)).Append("\" y=\"").Append(c(PlotBottom + 38)).Append("\" text-anchor=\"middle\">").Append(Markup.Escape(xLabel)).Append("</text>\n");
        sb.Append("<text class=\"axis-label\" transform=\"translate(16 ").Append(c(Top + PlotHeight / 2)).Append(") rotate(-90)\" text-anchor=\"middle\">").Append(Markup.Escape(ySpec.Label)).Append("</text>\n");
        sb.Append("<g class=\"marks\">\n").Append(_marks).Append("</g>\n");
        AppendLegend(sb);
        sb.Append("</svg>");
        return sb.ToString();
    }

    private void AppendLegend(StringBuilder sb)
    {
        if (_legend.Count == 0) return;
        var c = Markup.Coord;
        sb.Append("<g class=\"legend\">\n");
        double y0 = PlotBottom + AxisBand;
        for (int r = 0; r < _legendRows.Count; r++)
        {
            double y = y0 + r * LegendRow;
            foreach (var (e, x) in _legendRows[r])
            {
                string color = ChartPalette.Color(e.ColorIndex);
                if (e.Bar)
                {
                    sb.Append("<rect x=\"").Append(c(x)).Append("\" y=\"").Append(c(y - 5)).Append("\" width=\"18\" height=\"10\" fill=\"").Append(color).Append("\"/>");
                }
                else if (e.Style == SeriesStyle.Markers)
                {
                    sb.Append("<circle cx=\"").Append(c(x + 9)).Append("\" cy=\"").Append(c(y)).Append("\" r=\"3.5\" fill=\"").Append(color).Append("\"/>");
                }
                else
                {
                    string dash = e.Style == SeriesStyle.Dashed ? "5 3" : ChartPalette.Dash(e.ColorIndex);
                    sb.Append("<line x1=\"").Append(c(x)).Append("\" x2=\"").Append(c(x + 18)).Append("\" y1=\"").Append(c(y)).Append("\" y2=\"").Append(c(y))
                      .Append("\" stroke=\"").Append(color).Append("\" stroke-width=\"2.5\"");
                    if (dash.Length > 0) sb.Append(" stroke-dasharray=\"").Append(dash).Append('"');
                    sb.Append("/>");
                }
                sb.Append("<text class=\"legend-text\" x=\"").Append(c(x + 24)).Append("\" y=\"").Append(c(y + 4)).Append("\">").Append(Markup.Escape(e.Name)).Append("</text>\n");
            }
        }
        sb.Append("</g>\n");
    }

    private static List<List<(LegendEntry, double)>> LayoutLegend(IReadOnlyList<LegendEntry> legend)
    {
        var rows = new List<List<(LegendEntry, double)>>();
        var row = new List<(LegendEntry, double)>();
        double x = Left;
        foreach (var e in legend)
        {
            double w = 24 + e.Name.Length * CharWidth + 16;
            if (row.Count > 0 && x + w > Width - Right)
            {
                rows.Add(row);
                row = [];
                x = Left;
            }
            row.Add((e, x));
            x += w;
        }
        if (row.Count > 0) rows.Add(row);
        return rows;
    }
}
