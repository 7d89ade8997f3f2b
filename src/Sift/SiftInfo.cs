namespace Sift;

/// <summary>Version and build facts about the library.</summary>
public static class SiftInfo
{
    public static string Version => typeof(SiftInfo).Assembly.GetName().Version?.ToString() ?? "0.0.0";
}
