namespace Sift.Tests.Grading;

/// <summary>Finds ../shared/data beside the repository root (or $SIFT_SHARED_DATA).</summary>
internal static class SharedData
{
    public static string? Directory()
    {
        var env = Environment.GetEnvironmentVariable("SIFT_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return System.IO.Directory.Exists(env) ? env : null;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "Sift.sln")))
            {
                var data = Path.Combine(dir.FullName, "..", "shared", "data");
                return System.IO.Directory.Exists(data) ? Path.GetFullPath(data) : null;
            }
        }
        return null;
    }

    /// <summary>Path of a data file, or null (with the reason written to <paramref name="log"/>) when absent.</summary>
    public static string? File(string relative, Action<string> log)
    {
        var dir = Directory();
        var path = dir is null ? null : Path.Combine(dir, relative);
        if (path is null || !System.IO.File.Exists(path))
        {
            log($"SKIPPED: {relative} not found (no ../shared/data beside the repository and no SIFT_SHARED_DATA)");
            return null;
        }
        return path;
    }
}
