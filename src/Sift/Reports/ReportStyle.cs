namespace Sift.Reports;

/// <summary>The report's inline stylesheet (the page loads nothing: a Content-Security-Policy forbids it).</summary>
internal static class ReportStyle
{
    public const string Css = """
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; color: #222; margin: 0 auto; max-width: 980px; padding: 16px 24px 48px; background: #fff; }
        h1 { font-size: 1.6em; margin: 0.4em 0 0.2em; }
        h2 { font-size: 1.3em; border-bottom: 2px solid #4e79a7; padding-bottom: 4px; margin-top: 2em; }
        h3 { font-size: 1.1em; margin: 1.6em 0 0.4em; }
        p.meta, p.path { color: #555; font-size: 0.9em; margin: 0.3em 0; }
        nav ul { padding-left: 1.2em; margin: 0.3em 0; }
        nav li { margin: 0.1em 0; }
        a { color: #2c5d8f; }
        table { border-collapse: collapse; margin: 0.6em 0 1em; font-size: 0.9em; }
        th, td { padding: 3px 10px; border-bottom: 1px solid #ddd; text-align: left; }
        th { background: #f3f5f8; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        pre.config { background: #f6f8fa; padding: 10px; overflow-x: auto; font-size: 0.85em; max-height: 32em; }
        svg.chart { display: block; margin: 0.8em 0; max-width: 100%; height: auto; font-family: inherit; }
        svg.chart .chart-title { font-size: 14px; font-weight: 600; fill: #222; }
        svg.chart .tick { font-size: 11px; fill: #555; }
        svg.chart .axis-label { font-size: 12px; fill: #333; }
        svg.chart .legend-text { font-size: 12px; fill: #333; }
        svg.chart .bar-label { font-size: 10px; fill: #333; }
        svg.chart .grid { stroke: #e4e4e4; stroke-width: 1; }
        svg.chart .tick-mark { stroke: #888; stroke-width: 1; }
        svg.chart .frame { fill: none; stroke: #999; stroke-width: 1; }
        """;
}
