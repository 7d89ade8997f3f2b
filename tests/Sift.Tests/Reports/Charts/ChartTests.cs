using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Sift.Reports;
using Sift.Reports.Charts;

namespace Sift.Tests.Reports.Charts;

public sealed class ChartTests
{
    [Fact]
    public void Linear_axes_get_nice_bounds_and_ticks()
    {
        var a = AxisScale.Linear(0.23, 0.41);
        Assert.Equal(0.2, a.Min, 12);
        Assert.Equal(0.45, a.Max, 12);
        Assert.Equal([0.2, 0.25, 0.3, 0.35, 0.4, 0.45], a.Ticks);
        Assert.Equal(0.5, a.Fraction(0.325), 12);

        var z = AxisScale.Linear(0.3, 0.7, includeZero: true);
        Assert.Equal(0, z.Min);
        Assert.Equal(0.8, z.Max, 12);

        var flat = AxisScale.Linear(5, 5);
        Assert.True(flat.Min < 5 && flat.Max > 5);
    }

    [Fact]
    public void Log_axes_use_powers_of_two_or_ten()
    {
        var k = AxisScale.Log(1, 64);
        Assert.Equal([1.0, 2, 4, 8, 16, 32, 64], k.Ticks);
        Assert.Equal(0.5, k.Fraction(8), 12);
        var amount = AxisScale.Log(47, 1500);
        Assert.Equal(32, amount.Min);
        Assert.Equal(2048, amount.Max);
        var wide = AxisScale.Log(3, 200000);
        Assert.Equal([1.0, 10, 100, 1000, 10000, 100000, 1000000], wide.Ticks.Select(t => Math.Round(t)));
        Assert.Throws<ArgumentException>(() => AxisScale.Log(0, 10));
        Assert.Equal("1/32", Markup.LogTick(1.0 / 32));
        Assert.Equal("0.05", Markup.Tick(0.05));
        Assert.Equal("35%", Markup.PercentTick(0.35));
    }

    [Fact]
    public void A_line_chart_places_every_point_inside_the_plot_and_is_valid_xml()
    {
        var chart = new LineChart("t <&>", new AxisSpec("k", Log: true), AxisSpec.Percent("acc"),
        [
            new ChartSeries("a", [new(1, 0.2), new(2, 0.3), new(4, 0.35), new(0, 0.9), new(8, double.NaN)], SeriesStyle.LineMarkers),
            new ChartSeries("b", [new(16, 0.4)]),
        ]);
        Assert.True(chart.HasData);
        var svg = chart.ToSvg();
        var doc = XDocument.Parse(svg);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal("t <&>", doc.Root!.Element(ns + "title")!.Value);
        var circles = doc.Descendants(ns + "circle").Where(c => (string?)c.Attribute("class") == "mark point").ToList();
        Assert.Equal(4, circles.Count); // three of "a" (x = 0 and NaN left out) and the lone point of "b"
        foreach (var c in circles)
        {
            double x = double.Parse((string)c.Attribute("cx")!, CultureInfo.InvariantCulture), y = double.Parse((string)c.Attribute("cy")!, CultureInfo.InvariantCulture);
            Assert.InRange(x, 68, 700);
            Assert.InRange(y, 40, 300);
        }
        Assert.Single(doc.Descendants(ns + "path"), p => ((string?)p.Attribute("class"))?.Contains("line", StringComparison.Ordinal) == true);
        Assert.False(new LineChart("e", new AxisSpec("x", Log: true), new AxisSpec("y"), [new ChartSeries("z", [new(-1, 1)])]).HasData);
    }

    [Fact]
    public void A_bar_chart_draws_one_bar_per_present_value_from_zero()
    {
        var chart = new BarChart("abilities", ["multi_task", "dmt"], AxisSpec.Percent("score", includeZero: true),
            [new BarSeries("math", [0.3, 0.29]), new BarSeries("code", [0.2, null])]);
        var doc = XDocument.Parse(chart.ToSvg());
        XNamespace ns = "http://www.w3.org/2000/svg";
        var bars = doc.Descendants(ns + "rect").Where(r => (string?)r.Attribute("class") == "mark bar").ToList();
        Assert.Equal(3, bars.Count);
        // Bars stand on the zero line (the plot bottom, y = 300).
        Assert.All(bars, b => Assert.Equal(300, double.Parse((string)b.Attribute("y")!, CultureInfo.InvariantCulture) + double.Parse((string)b.Attribute("height")!, CultureInfo.InvariantCulture), 1));
        Assert.Throws<ArgumentException>(() => new BarChart("x", ["a"], AxisSpec.Percent("y"), [new BarSeries("s", [0.1, 0.2])]).ToSvg());
        Assert.Matches(new Regex("math"), chart.ToSvg());
    }

    [Fact]
    public void Escaping_covers_markup_and_quotes()
    {
        Assert.Equal("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;", Markup.Escape("<a href=\"x\" title='y'>&"));
        Assert.Equal("ab", Markup.Escape("a\u0001b"));
        Assert.Equal("–", Markup.Percent(null));
        Assert.Equal("34.5%", Markup.Percent(0.345));
    }
}
