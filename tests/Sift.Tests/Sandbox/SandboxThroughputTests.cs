using System.Diagnostics;
using System.Globalization;
using Sift.Sandbox;
using Xunit.Abstractions;
using static Sift.Tests.Sandbox.SandboxFixture;
using Sift.Data.Code;

namespace Sift.Tests.Sandbox;

/// <summary>
/// Throughput of the sandbox for a typical solution with four tests, sequential and in parallel; the numbers
/// in docs/sandbox.md come from this test (SIFT_SANDBOX_RUNS raises the run count for a steadier measurement).
/// </summary>
public sealed class SandboxThroughputTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void Measures_runs_per_second_sequential_and_parallel()
    {
        RequireSandbox();
        var runs = int.TryParse(Environment.GetEnvironmentVariable("SIFT_SANDBOX_RUNS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 8;
        var suite = Suite("f", PythonTestCase.Of(5, 1), PythonTestCase.Of(2, 0), PythonTestCase.Of(32, 10), PythonTestCase.Of(-7, -3));
        const string code = "def f(x):\n    return x * 3 + 2";
        var sandbox = new PythonSandbox();
        Assert.True(sandbox.Run(code, suite).Passed); // warm-up

        var watch = Stopwatch.StartNew();
        for (var i = 0; i < runs; i++)
        {
            Assert.True(sandbox.Run(code, suite).Passed);
        }
        var sequential = runs / watch.Elapsed.TotalSeconds;

        var parallelism = Math.Max(4, 2 * Environment.ProcessorCount); // runs wait on process start-up as much as they compute
        var passed = 0;
        watch.Restart();
        Parallel.For(0, runs * 2, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, _ =>
        {
            if (sandbox.Run(code, suite).Passed) Interlocked.Increment(ref passed);
        });
        var parallel = runs * 2 / watch.Elapsed.TotalSeconds;
        Assert.Equal(runs * 2, passed);
        var report = string.Create(CultureInfo.InvariantCulture,
            $"sandbox throughput: {sequential:0.0} runs/s sequential, {parallel:0.0} runs/s with {parallelism} in parallel ({runs} / {runs * 2} runs, {Environment.ProcessorCount} cores)");
        output.WriteLine(report);
        Console.WriteLine(report);
    }
}
