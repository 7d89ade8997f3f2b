using Sift.Sandbox;
using Sift.Tensors;

namespace Sift.Tests.Support;

/// <summary>
/// Optional dependencies of some tests. Each check skips the calling [SkippableFact]/[SkippableTheory]
/// with a reason naming what is missing and how to get it, so a test without its dependency is
/// reported as skipped, never as passed.
/// </summary>
internal static class Requires
{
    /// <summary>The shared datasets folder (../shared/data beside the repository, or $SIFT_SHARED_DATA).</summary>
    public static string SharedData()
    {
        var dir = Sift.IO.SharedData.DataDirectory();
        Skip.If(dir is null, MissingData("../shared/data"));
        return dir!;
    }

    /// <summary>A file of the shared datasets, e.g. "gsm8k/test.jsonl".</summary>
    public static string SharedDataFile(string relative)
    {
        var path = Sift.IO.SharedData.DataFile(relative);
        Skip.If(path is null, MissingData(relative));
        return path!;
    }

    /// <summary>A file of the shared pretrained models (../shared/models beside the repository, or $SIFT_SHARED_MODELS), e.g. "stories260K/stories260K.gguf".</summary>
    public static string SharedModel(string relative)
    {
        var env = Environment.GetEnvironmentVariable("SIFT_SHARED_MODELS");
        var root = !string.IsNullOrEmpty(env) ? env
            : Sift.IO.SharedData.RepositoryRoot() is { } repo ? Path.Combine(repo, "..", "shared", "models") : null;
        var path = root is null ? null : Path.GetFullPath(Path.Combine(root, relative));
        Skip.If(path is null || !File.Exists(path), $"{relative} not found: the shared pretrained models are not in ../shared/models beside the repository; put them there or set SIFT_SHARED_MODELS to their folder");
        return path!;
    }

    /// <summary>A host that can run the Python code sandbox.</summary>
    public static void Sandbox(SandboxHost host) =>
        Skip.IfNot(host.Available, $"the code sandbox cannot run here: {host.Problem}");

    /// <summary>The path of a headless Chromium.</summary>
    public static string Chromium()
    {
        var chromium = Sift.Tests.Reports.HeadlessChromium.FindExecutable();
        Skip.If(chromium is null, "no Chromium at /usr/bin/chromium or /usr/bin/chromium-browser and no $SIFT_CHROMIUM; install Debian's chromium package or set SIFT_CHROMIUM to a Chromium binary");
        return chromium!;
    }

    /// <summary>A loadable OpenBLAS.</summary>
    public static void OpenBlas() =>
        Skip.IfNot(OpenBlasGemm.IsAvailable, $"OpenBLAS could not be loaded ({OpenBlasGemm.LoadError}); install Debian's libopenblas0 (libopenblas.so.0) to run the OpenBLAS cases");

    private static string MissingData(string what) =>
        $"{what} not found: the shared datasets (GSM8K, MATH-500, SVAMP, ASDiv) are not in ../shared/data beside the repository; put them there or set SIFT_SHARED_DATA to their folder";
}
