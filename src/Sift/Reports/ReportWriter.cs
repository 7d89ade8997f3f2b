using Sift.IO;

namespace Sift.Reports;

/// <summary>Writes <see cref="ReportBuilder"/>'s HTML to a file, atomically.</summary>
public static class ReportWriter
{
    /// <summary>Where `sift report` writes without --out: RUN_DIR/report.html for one run, ./report.html for several.</summary>
    public static string DefaultOutputPath(IReadOnlyList<string> runDirs)
    {
        ArgumentNullException.ThrowIfNull(runDirs);
        return runDirs.Count == 1 ? Path.Combine(runDirs[0], "report.html") : Path.GetFullPath("report.html");
    }

    /// <summary>Builds the report of <paramref name="runDirs"/> and writes it to <paramref name="outPath"/> (temp file + rename); returns the full path written.</summary>
    public static string Write(IReadOnlyList<string> runDirs, string outPath)
    {
        ArgumentNullException.ThrowIfNull(outPath);
        var html = ReportBuilder.Build(runDirs);
        var full = Path.GetFullPath(outPath);
        if (Path.GetDirectoryName(full) is { } dir) Directory.CreateDirectory(dir);
        AtomicFile.WriteAllText(full, html);
        return full;
    }
}
