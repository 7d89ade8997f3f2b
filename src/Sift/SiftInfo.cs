using System.Reflection;

namespace Sift;

/// <summary>Version and build facts about the library.</summary>
public static class SiftInfo
{
    public static string Version => typeof(SiftInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>
    /// The git commit the library was built from, "-dirty" appended when the tree had uncommitted
    /// changes; "unknown" when built without git or outside a repository (Sift.csproj, SiftGitCommit).
    /// </summary>
    public static string Commit { get; } =
        typeof(SiftInfo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "SiftCommit")?.Value is { Length: > 0 } commit
            ? commit
            : "unknown";
}
