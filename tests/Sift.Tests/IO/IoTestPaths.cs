namespace Sift.Tests.IO;

/// <summary>Locates the repository (the folder holding Sift.sln) and scratch folders for IO tests.</summary>
internal static class IoTestPaths
{
    public static string RepoRoot() => Sift.IO.SharedData.RepositoryRoot()
        ?? throw new InvalidOperationException($"Sift.sln not found above {AppContext.BaseDirectory}.");

    public static string Fixture(string name) => Path.Combine(RepoRoot(), "tests", "Sift.Tests", "IO", "Fixtures", name);

    /// <summary>A fresh empty temp directory; the caller deletes it.</summary>
    public static string NewTempDir()
    {
        string d = Path.Combine(Path.GetTempPath(), "sift-io-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }
}

/// <summary>A temp directory deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = IoTestPaths.NewTempDir();

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
