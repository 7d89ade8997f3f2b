namespace Sift.Tests.Data;

/// <summary>Finds ../shared/data beside the repository root (or $SIFT_SHARED_DATA); null when absent.</summary>
internal static class SharedDataLocator
{
    public static string? Find()
    {
        if (Environment.GetEnvironmentVariable("SIFT_SHARED_DATA") is { Length: > 0 } fromEnvironment && Directory.Exists(fromEnvironment))
        {
            return fromEnvironment;
        }
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sift.sln")))
            {
                var shared = Path.Combine(dir.FullName, "..", "shared", "data");
                return Directory.Exists(shared) ? Path.GetFullPath(shared) : null;
            }
        }
        return null;
    }
}
