namespace Sift.Tests.Data;

/// <summary>Finds ../shared/data beside the repository root (or $SIFT_SHARED_DATA); null when absent.</summary>
internal static class SharedDataLocator
{
    public static string? Find() => Sift.IO.SharedData.DataDirectory();
}
