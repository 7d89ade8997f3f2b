namespace Sift.Tests.Grading;

/// <summary>The shared datasets for the grading data tests (see <see cref="Sift.IO.SharedData"/>).</summary>
internal static class SharedData
{
    public static string? Directory() => Sift.IO.SharedData.DataDirectory();

    /// <summary>Path of a data file, or null (with the reason written to <paramref name="log"/>) when absent.</summary>
    public static string? File(string relative, Action<string> log)
    {
        var path = Sift.IO.SharedData.DataFile(relative);
        if (path is null) log(Sift.IO.SharedData.MissingMessage(relative));
        return path;
    }
}
