namespace Sift.IO;

/// <summary>
/// Finds the repository checkout (the folder holding <c>Sift.sln</c>) and the real datasets kept
/// beside it in <c>../shared/data</c> (GSM8K, MATH-500, SVAMP, ASDiv) for tests and benchmarks.
/// That data is not part of the product: callers skip with <see cref="MissingMessage"/> when absent.
/// <c>SIFT_SHARED_DATA</c> points elsewhere.
/// </summary>
public static class SharedData
{
    /// <summary>The nearest folder holding Sift.sln above the working directory or the binaries, or null.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Sift.sln"))) return dir.FullName;
            }
        }
        return null;
    }

    /// <summary>The shared data folder ($SIFT_SHARED_DATA, else &lt;repo&gt;/../shared/data), or null when absent.</summary>
    public static string? DataDirectory()
    {
        var env = Environment.GetEnvironmentVariable("SIFT_SHARED_DATA");
        if (!string.IsNullOrEmpty(env)) return Directory.Exists(env) ? Path.GetFullPath(env) : null;
        var root = RepositoryRoot();
        if (root is null) return null;
        var data = Path.GetFullPath(Path.Combine(root, "..", "shared", "data"));
        return Directory.Exists(data) ? data : null;
    }

    /// <summary>The path of <paramref name="relative"/> (e.g. "gsm8k/test.jsonl") in the shared data, or null when absent.</summary>
    public static string? DataFile(string relative)
    {
        var dir = DataDirectory();
        var path = dir is null ? null : Path.Combine(dir, relative);
        return path is not null && File.Exists(path) ? path : null;
    }

    /// <summary>The message to print when <paramref name="relative"/> is absent.</summary>
    public static string MissingMessage(string relative) =>
        $"SKIPPED: {relative} not found (no ../shared/data beside the repository and no SIFT_SHARED_DATA)";
}
