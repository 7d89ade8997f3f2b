using System.Text;
using Sift.Reports.Sections;

namespace Sift.Reports;

/// <summary>
/// Builds the self-contained HTML report of one or more run directories: for each run, every
/// section whose data it has (results table, RFT paths, ReST-EM, re-ranking, multi-task, DMT,
/// sweep, loss curves, settings), with inline CSS and hand-written SVG charts: no script, no
/// network. The output depends only on the runs' files and paths (no clock): same input, same bytes.
/// </summary>
public static class ReportBuilder
{
    /// <summary>The sections in page order.</summary>
    public static IReadOnlyList<IReportSection> Sections { get; } =
    [
        new ResultsTableSection(),
        new RftPathsSection(),
        new RestEmSection(),
        new RerankSection(),
        new MultitaskSection(),
        new DmtSection(),
        new SweepSection(),
        new LossCurvesSection(),
        new SettingsSection(),
    ];

    /// <summary>Reads the runs and returns the report's HTML.</summary>
    public static string Build(IReadOnlyList<string> runDirs)
    {
        ArgumentNullException.ThrowIfNull(runDirs);
        if (runDirs.Count == 0) throw new ArgumentException("give at least one run directory");
        var labels = Labels(runDirs);
        var runs = runDirs.Select((d, i) => RunData.Load(d, labels[i])).ToList();
        return Build(runs);
    }

    /// <summary>The report of already loaded runs.</summary>
    public static string Build(IReadOnlyList<RunData> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var bodies = new List<(RunData Run, string Anchor, List<(IReportSection Section, string Html)> Parts)>();
        for (int r = 0; r < runs.Count; r++)
        {
            var parts = new List<(IReportSection, string)>();
            foreach (var section in Sections)
            {
                if (section.Render(runs[r]) is { } html) parts.Add((section, html));
            }
            bodies.Add((runs[r], $"run-{r + 1}", parts));
        }

        string title = "Sift report: " + string.Join(", ", runs.Select(r => r.Label));
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        // Nothing may load from anywhere: the report must read the same offline, years later.
        sb.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n");
        sb.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        sb.Append("<meta name=\"generator\" content=\"sift ").Append(Markup.Escape(SiftInfo.Version)).Append("\">\n");
        sb.Append("<title>").Append(Markup.Escape(title)).Append("</title>\n<style>\n").Append(ReportStyle.Css).Append("\n</style>\n</head>\n<body>\n");
        sb.Append("<header>\n<h1>Sift report</h1>\n<nav>\n<ul>\n");
        foreach (var (run, anchor, parts) in bodies)
        {
            sb.Append("<li><a href=\"#").Append(anchor).Append("\">").Append(Markup.Escape(run.Label)).Append("</a>");
            if (parts.Count > 0)
            {
                sb.Append(": ").Append(string.Join(", ", parts.Select(p => $"<a href=\"#{anchor}-{p.Section.Id}\">{Markup.Escape(p.Section.Title)}</a>")));
            }
            sb.Append("</li>\n");
        }
        sb.Append("</ul>\n</nav>\n</header>\n");
        foreach (var (run, anchor, parts) in bodies)
        {
            sb.Append("<section class=\"run\" id=\"").Append(anchor).Append("\">\n<h2>").Append(Markup.Escape(run.Label)).Append("</h2>\n");
            sb.Append("<p class=\"path\">").Append(Markup.Escape(run.Root)).Append("</p>\n");
            if (parts.Count == 0) sb.Append("<p class=\"meta\">This run has no results.json, training log or config.yaml yet.</p>\n");
            foreach (var (section, html) in parts)
            {
                sb.Append("<section class=\"part\" id=\"").Append(anchor).Append('-').Append(section.Id).Append("\">\n<h3>").Append(Markup.Escape(section.Title)).Append("</h3>\n");
                sb.Append(html).Append("</section>\n");
            }
            sb.Append("</section>\n");
        }
        sb.Append("</body>\n</html>\n");
        return sb.ToString();
    }

    /// <summary>Run labels: the folder name, or the full path where two runs share a folder name.</summary>
    public static IReadOnlyList<string> Labels(IReadOnlyList<string> runDirs)
    {
        ArgumentNullException.ThrowIfNull(runDirs);
        var full = runDirs.Select(d => Path.GetFullPath(d).TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)).ToList();
        var names = full.Select(f => Path.GetFileName(f) is { Length: > 0 } n ? n : f).ToList();
        return names.Select((n, i) => names.Count(m => m == n) > 1 ? full[i] : n).ToList();
    }
}
