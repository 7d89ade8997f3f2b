using System.Diagnostics;
using System.Text.Json.Nodes;
using Sift.Runs;
using Sift.Tensors;
using Sift.Tests.Data;

namespace Sift.Tests.Runs;

public sealed class RunEnvironmentTests
{
    [Fact]
    public void Results_json_gets_an_environment_object_after_the_unchanged_keys()
    {
        using var dir = new TempDirectory();
        var run = RunDirectory.Open(dir.Path);
        var results = new JsonObject { ["eval"] = new JsonObject { ["greedy"] = 0.1234567890123, ["n"] = 1000 }, ["rows"] = new JsonArray(1, 2.5) };
        var before = results.ToJsonString();
        run.WriteResults(results);
        Assert.Equal(before, results.ToJsonString()); // the caller's node is left alone

        var written = JsonNode.Parse(File.ReadAllText(run.ResultsPath))!.AsObject();
        Assert.Equal(["eval", "rows", "environment"], written.Select(p => p.Key));
        Assert.Equal(0.1234567890123, written["eval"]!["greedy"]!.GetValue<double>());
        Assert.Equal(1000, written["eval"]!["n"]!.GetValue<int>());
        var env = written["environment"]!.AsObject();
        Assert.Equal(["sift_version", "commit", "gemm", "threads", "cpu", "simd", "os", "dotnet"], env.Select(p => p.Key));
        Assert.Equal(["name", "requested", "openblas_core_type", "openblas_core_name"], env["gemm"]!.AsObject().Select(p => p.Key));
        Assert.Equal(GemmFactory.Default.Name, env["gemm"]!["name"]!.GetValue<string>());
        Assert.Equal(Environment.ProcessorCount, env["threads"]!["processor_count"]!.GetValue<int>());
        Assert.Equal(ParallelPlan.ThreadCount, env["threads"]!["engine"]!.GetValue<int>());
        Assert.Equal(System.Numerics.Vector<float>.Count, env["simd"]!["vector_float_count"]!.GetValue<int>());
        Assert.Equal(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated, env["simd"]!["vector512"]!.GetValue<bool>());
        Assert.Equal(System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated, env["simd"]!["vector256"]!.GetValue<bool>());
        foreach (var key in new[] { "sift_version", "commit", "cpu", "os", "dotnet" })
        {
            Assert.False(string.IsNullOrWhiteSpace(env[key]!.GetValue<string>()), key);
        }
        Assert.Contains(".NET", env["dotnet"]!.GetValue<string>(), StringComparison.Ordinal);

        // Rewriting a file read back records one environment, this write's.
        run.WriteResults(run.ReadResults()!);
        written = JsonNode.Parse(File.ReadAllText(run.ResultsPath))!.AsObject();
        Assert.Equal(["eval", "rows", "environment"], written.Select(p => p.Key));
    }

    [Fact]
    public void Gemm_description_names_what_SIFT_GEMM_asked_for()
    {
        Assert.Equal(new GemmDescription("naive", "naive", null, null), GemmFactory.Describe(GemmFactory.Create("naive"), " naive "));
        Assert.Equal(new GemmDescription("managed", "auto", null, null), GemmFactory.Describe(new ManagedGemm(), null));
        if (OpenBlasGemm.IsAvailable)
        {
            var d = GemmFactory.Describe(GemmFactory.Create("openblas"), "openblas");
            Assert.Equal(("openblas", OpenBlasGemm.CoreName), (d.Name, d.OpenBlasCoreName));
        }
        var here = GemmFactory.DescribeDefault();
        var requested = Environment.GetEnvironmentVariable("SIFT_GEMM");
        Assert.Equal(string.IsNullOrWhiteSpace(requested) ? "auto" : requested.Trim(), here.Requested);
        Assert.Equal(GemmFactory.Default.Name, here.Name);

        // The process-wide choice is made once, so check the override end to end in a fresh `sift version`.
        foreach (var (gemm, expected) in new[] { ("naive", "gemm: naive, SIFT_GEMM=naive"), ("managed", "gemm: managed, SIFT_GEMM=managed"), ("bogus", "gemm: error: Unknown SIFT_GEMM value 'bogus'") })
        {
            var (code, stdout) = SiftVersion(gemm);
            Assert.Equal(0, code);
            Assert.Contains(expected, stdout, StringComparison.Ordinal);
            Assert.Contains($"commit {SiftInfo.Commit}", stdout, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Version_and_commit_are_set_and_the_cpu_model_comes_from_cpuinfo()
    {
        Assert.Matches(@"^\d+\.\d+", SiftInfo.Version);
        Assert.Matches("^([0-9a-f]{40}(-dirty)?|unknown)$", SiftInfo.Commit);
        using var dir = new TempDirectory();
        var cpuinfo = dir.File("cpuinfo", "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 9B45 128-Core Processor\n\nprocessor\t: 1\nmodel name\t: other\n");
        Assert.Equal("AMD EPYC 9B45 128-Core Processor", RunEnvironment.ReadCpuModel(cpuinfo));
        Assert.Equal("unknown", RunEnvironment.ReadCpuModel(dir.File("arm", "processor\t: 0\nBogoMIPS\t: 50.00\n")));
        Assert.Equal("unknown", RunEnvironment.ReadCpuModel(Path.Combine(dir.Path, "absent")));
        var env = RunEnvironment.Capture();
        Assert.Equal(OperatingSystem.IsLinux() && File.Exists("/proc/cpuinfo") ? RunEnvironment.ReadCpuModel("/proc/cpuinfo") : "unknown", env.CpuModel);
        Assert.StartsWith($"sift {SiftInfo.Version} (commit {SiftInfo.Commit})\n", env.ToText(), StringComparison.Ordinal);
    }

    private static (int Code, string Stdout) SiftVersion(string gemm)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Sift.Cli.dll"));
        start.ArgumentList.Add("version");
        start.Environment["SIFT_GEMM"] = gemm;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(60_000), "sift version did not finish in 60 s");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
