using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Sift.Tensors;

namespace Sift.Runs;

/// <summary>
/// How a result was computed: the build, the GEMM, threads, CPU, SIMD and runtime. Written as the
/// top-level "environment" object of every results.json (<see cref="RunDirectory.WriteResults"/>)
/// and printed by `sift version`, so numbers can be compared knowing what produced them.
/// </summary>
/// <param name="SiftVersion">The library's assembly version.</param>
/// <param name="Commit">The git commit the library was built from (with "-dirty" for uncommitted changes), or "unknown".</param>
/// <param name="Gemm">The process-wide GEMM (<see cref="GemmFactory.DescribeDefault"/>).</param>
/// <param name="ProcessorCount">Logical cores the runtime sees (<see cref="Environment.ProcessorCount"/>).</param>
/// <param name="EngineThreads">Threads the kernels (and OpenBLAS) use (<see cref="ParallelPlan.ThreadCount"/>).</param>
/// <param name="CpuModel">/proc/cpuinfo "model name" on Linux; "unknown" elsewhere or when absent.</param>
/// <param name="Vector512">Whether Vector512 is hardware accelerated.</param>
/// <param name="Vector256">Whether Vector256 is hardware accelerated.</param>
/// <param name="VectorFloatCount">Vector&lt;float&gt;.Count, the width the managed kernels use.</param>
/// <param name="Os">The OS description and architecture.</param>
/// <param name="DotNet">The runtime, e.g. ".NET 10.0.0".</param>
public sealed record RunEnvironment(
    string SiftVersion,
    string Commit,
    GemmDescription Gemm,
    int ProcessorCount,
    int EngineThreads,
    string CpuModel,
    bool Vector512,
    bool Vector256,
    int VectorFloatCount,
    string Os,
    string DotNet)
{
    // The CPU does not change while the process runs; read /proc/cpuinfo once.
    private static readonly Lazy<string> Cpu = new(() => ReadCpuModel("/proc/cpuinfo"));

    /// <summary>The environment now (thread count as currently set; the GEMM chosen if not yet).</summary>
    public static RunEnvironment Capture() => Capture(GemmFactory.DescribeDefault());

    /// <summary>As <see cref="Capture()"/> with a given GEMM description (tests, or a run that used another GEMM).</summary>
    public static RunEnvironment Capture(GemmDescription gemm)
    {
        ArgumentNullException.ThrowIfNull(gemm);
        return new RunEnvironment(
            SiftInfo.Version,
            SiftInfo.Commit,
            gemm,
            Environment.ProcessorCount,
            ParallelPlan.ThreadCount,
            Cpu.Value,
            System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated,
            System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated,
            Vector<float>.Count,
            $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
            RuntimeInformation.FrameworkDescription);
    }

    /// <summary>The first "model name" of a cpuinfo file; "unknown" when the file or the field is missing (non-Linux, some ARM kernels).</summary>
    public static string ReadCpuModel(string cpuinfoPath)
    {
        try
        {
            if (!File.Exists(cpuinfoPath))
            {
                return "unknown";
            }
            foreach (var line in File.ReadLines(cpuinfoPath))
            {
                var colon = line.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0 && line[..colon].Trim() == "model name")
                {
                    var model = line[(colon + 1)..].Trim();
                    return model.Length > 0 ? model : "unknown";
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A record of the environment must never stop a run.
        }
        return "unknown";
    }

    /// <summary>
    /// <c>{"sift_version", "commit", "gemm": {"name", "requested", "openblas_core_type", "openblas_core_name"},
    /// "threads": {"processor_count", "engine"}, "cpu", "simd": {"vector512", "vector256", "vector_float_count"}, "os", "dotnet"}</c>;
    /// the OpenBLAS fields are null for the other GEMMs.
    /// </summary>
    public JsonObject ToJson() => new()
    {
        ["sift_version"] = SiftVersion,
        ["commit"] = Commit,
        ["gemm"] = new JsonObject
        {
            ["name"] = Gemm.Name,
            ["requested"] = Gemm.Requested,
            ["openblas_core_type"] = Gemm.OpenBlasCoreType,
            ["openblas_core_name"] = Gemm.OpenBlasCoreName,
        },
        ["threads"] = new JsonObject { ["processor_count"] = ProcessorCount, ["engine"] = EngineThreads },
        ["cpu"] = CpuModel,
        ["simd"] = new JsonObject { ["vector512"] = Vector512, ["vector256"] = Vector256, ["vector_float_count"] = VectorFloatCount },
        ["os"] = Os,
        ["dotnet"] = DotNet,
    };

    /// <summary>"key: value" lines, as `sift version` prints them.</summary>
    public string ToText()
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"sift {SiftVersion} (commit {Commit})",
            $"gemm: {Gemm}",
            string.Format(inv, "threads: {0} engine, {1} logical cores", EngineThreads, ProcessorCount),
            $"cpu: {CpuModel}",
            string.Format(inv, "simd: Vector512 {0}, Vector256 {1}, Vector<float>.Count {2}", Vector512, Vector256, VectorFloatCount),
            $"os: {Os}",
            $"dotnet: {DotNet}") + "\n";
    }
}
