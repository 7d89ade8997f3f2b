using BenchmarkDotNet.Attributes;
using Sift.Grading;

namespace Sift.Bench.Grading;

/// <summary>
/// MathGrader throughput on MATH-500: each answer against its full solution (extraction + compare)
/// and against the next row's answer. Run: dotnet run -c Release --project bench/Sift.Bench -- --filter *GraderBenchmarks*
/// </summary>
[MemoryDiagnoser]
public class GraderBenchmarks
{
    private readonly MathGrader _grader = new();
    private (string Gold, string Pred)[] _pairs = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Environment.GetEnvironmentVariable("SIFT_SHARED_DATA") is { Length: > 0 } env
            ? Path.Combine(env, "math500", "test.jsonl")
            : FindMath500();
        var rows = Sift.IO.JsonlReader.ReadAll(path).Select(r => ((string)r.Object["answer"]!, (string)r.Object["solution"]!)).ToArray();
        _pairs = rows.SelectMany((r, i) => new[] { (r.Item1, r.Item2), (r.Item1, rows[(i + 1) % rows.Length].Item1) }).ToArray();
    }

    private static string FindMath500()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Sift.sln")))
                return Path.Combine(dir.FullName, "..", "shared", "data", "math500", "test.jsonl");
        throw new FileNotFoundException("MATH-500 not found; set SIFT_SHARED_DATA");
    }

    [Benchmark(Description = "1000 MATH-500 pairs, single thread")]
    public int SingleThreaded()
    {
        int eq = 0;
        foreach (var (g, p) in _pairs) if (_grader.Grade(g, p).IsEquivalent) eq++;
        return eq;
    }

    [Benchmark(Description = "1000 MATH-500 pairs, Parallel.For")]
    public int Parallel()
    {
        int eq = 0;
        System.Threading.Tasks.Parallel.For(0, _pairs.Length, i => { if (_grader.Grade(_pairs[i].Gold, _pairs[i].Pred).IsEquivalent) Interlocked.Increment(ref eq); });
        return eq;
    }
}
