using System.Diagnostics;
using System.Text.Json.Nodes;
using Sift.Reports;
using Sift.Tests.Support;
using Xunit.Abstractions;

namespace Sift.Tests.Reports;

/// <summary>
/// Renders reports in headless Chromium and checks that every chart drew (an &lt;svg&gt; with a
/// non-empty box, and data marks with a non-empty box) with no console error. Skips, saying so, when
/// no Chromium is installed (reported as skipped; Debian: <c>apt-get install chromium</c>; or set SIFT_CHROMIUM).
/// With SIFT_REPORT_SCREENSHOT=FILE.png it also saves a full-page screenshot of the report of the
/// run directories in SIFT_REPORT_RUNS (';'-separated; default: the test fixture), as docs/report-demo.png was made.
/// </summary>
public sealed class ReportBrowserTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    // Per chart: its box, its number of data marks, and how many of those have a rendered box.
    private const string MeasureCharts = """
        [...document.querySelectorAll('svg')].map(s => {
          const box = s.getBoundingClientRect();
          const marks = [...s.querySelectorAll('.mark')];
          const drawn = marks.filter(m => { const b = m.getBoundingClientRect(); return b.width > 0 || b.height > 0; }).length;
          const title = s.querySelector('.chart-title');
          return { label: s.getAttribute('aria-label') || '', width: box.width, height: box.height, marks: marks.length, drawn: drawn,
                   titleWidth: title ? title.getBoundingClientRect().width : 0 };
        })
        """;

    [SkippableFact]
    public async Task Every_chart_of_a_full_report_draws_without_console_errors()
    {
        var chromium = Requires.Chromium();
        using var fx = new ReportFixture().WithEverything();
        var html = ReportWriter.Write([fx.Run], Path.Combine(fx.Root, "report.html"));
        var clock = Stopwatch.StartNew();
        await using var browser = await HeadlessChromium.LaunchAsync(chromium, Timeout);
        await browser.OpenAsync(new Uri(html).AbsoluteUri);
        var charts = (await browser.EvaluateAsync(MeasureCharts))!.AsArray();

        Assert.Equal(10, charts.Count);
        foreach (var c in charts)
        {
            string label = c!["label"]!.GetValue<string>();
            Assert.True(c["width"]!.GetValue<double>() > 100 && c["height"]!.GetValue<double>() > 100, $"chart '{label}' has an empty box");
            Assert.True(c["marks"]!.GetValue<int>() > 0, $"chart '{label}' has no data marks");
            Assert.True(c["drawn"]!.GetValue<int>() == c["marks"]!.GetValue<int>(), $"chart '{label}': only {c["drawn"]} of {c["marks"]} marks drew");
            Assert.True(c["titleWidth"]!.GetValue<double>() > 0, $"chart '{label}': the title did not render");
        }
        Assert.Empty(browser.Errors);

        var png = await browser.ScreenshotAsync();
        Assert.True(png.Length > 10_000 && png[0] == 0x89 && png[1] == (byte)'P', "the screenshot is not a PNG of a drawn page");
        output.WriteLine($"{charts.Count} charts drew; browser session {clock.Elapsed.TotalSeconds:F1} s; screenshot {png.Length} bytes");
        await SaveRequestedScreenshot(browser, fx.Run);
    }

    [SkippableFact]
    public async Task The_check_sees_script_errors_and_charts_that_did_not_draw()
    {
        var chromium = Requires.Chromium();
        using var fx = new ReportFixture();
        var page = fx.File("broken.html");
        fx.Write("broken.html", """
            <!DOCTYPE html><html><body>
            <svg class="chart" width="300" height="200"><path class="mark" d=""/><rect class="mark" width="0" height="0"/></svg>
            <script>console.error("drawing failed"); undefinedFunction();</script>
            </body></html>
            """);
        await using var browser = await HeadlessChromium.LaunchAsync(chromium, Timeout);
        await browser.OpenAsync(new Uri(page).AbsoluteUri);
        var charts = (await browser.EvaluateAsync(MeasureCharts))!.AsArray();
        Assert.Single(charts);
        Assert.Equal(2, charts[0]!["marks"]!.GetValue<int>());
        Assert.Equal(0, charts[0]!["drawn"]!.GetValue<int>());
        Assert.Contains(browser.Errors, e => e.Contains("drawing failed", StringComparison.Ordinal));
        Assert.Contains(browser.Errors, e => e.Contains("undefinedFunction", StringComparison.Ordinal));
    }

    private async Task SaveRequestedScreenshot(HeadlessChromium browser, string fixtureRun)
    {
        var target = Environment.GetEnvironmentVariable("SIFT_REPORT_SCREENSHOT");
        if (string.IsNullOrEmpty(target)) return;
        var runs = Environment.GetEnvironmentVariable("SIFT_REPORT_RUNS") is { Length: > 0 } list ? list.Split(';', StringSplitOptions.RemoveEmptyEntries) : [fixtureRun];
        var html = Path.Combine(Path.GetTempPath(), "sift-report-screenshot-" + Guid.NewGuid().ToString("N") + ".html");
        try
        {
            ReportWriter.Write(runs, html);
            await browser.OpenAsync(new Uri(html).AbsoluteUri);
            Assert.Empty(browser.Errors);
            var maxHeight = int.TryParse(Environment.GetEnvironmentVariable("SIFT_REPORT_SCREENSHOT_HEIGHT"), out var h) ? h : 16000;
            await File.WriteAllBytesAsync(target, await browser.ScreenshotAsync(maxHeight: maxHeight));
            output.WriteLine($"saved a screenshot of {string.Join(", ", runs)} to {target}");
        }
        finally
        {
            File.Delete(html);
        }
    }
}
