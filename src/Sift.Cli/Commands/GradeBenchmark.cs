using System.Diagnostics;
using Sift.Grading;

namespace Sift.Cli.Commands;

/// <summary>
/// Pairs/s of <see cref="MathGrader.Grade"/> on the MATH-500 pairs: each `answer` against its full
/// `solution` (extraction + comparison) and each `answer` against the next row's `answer`.
/// Prints single-threaded and parallel throughput.
/// </summary>
public static class GradeBenchmark
{
    public static int Run(MathGrader grader, string? path, TextWriter stdout)
    {
        path ??= DefaultPath();
        if (path is null || !File.Exists(path))
        {
            stdout.WriteLine($"MATH-500 not found ({path ?? "no ../shared/data"}); pass its path to --bench-math500");
            return 1;
        }
        var rows = Sift.IO.JsonlReader.ReadAll(path)
            .Select(r => (Answer: (string?)r.Object["answer"] ?? "", Solution: (string?)r.Object["solution"] ?? ""))
            .ToList();
        var pairs = new List<(string Gold, string Pred)>();
        for (int i = 0; i < rows.Count; i++)
        {
            pairs.Add((rows[i].Answer, rows[i].Solution));
            pairs.Add((rows[i].Answer, rows[(i + 1) % rows.Count].Answer));
        }
        int equivalent = 0;
        foreach (var (g, p) in pairs) if (grader.Grade(g, p).IsEquivalent) equivalent++; // warm-up and sanity

        var single = Measure(() => { foreach (var (g, p) in pairs) grader.Grade(g, p); }, pairs.Count);
        var parallel = Measure(() => Parallel.ForEach(pairs, pr => grader.Grade(pr.Gold, pr.Pred)), pairs.Count);
        stdout.WriteLine($"MATH-500 pairs: {pairs.Count} ({equivalent} equivalent)");
        stdout.WriteLine($"single-threaded: {single:F0} pairs/s");
        stdout.WriteLine($"parallel ({Environment.ProcessorCount} cores): {parallel:F0} pairs/s");
        return 0;
    }

    private static double Measure(Action pass, int pairsPerPass)
    {
        var sw = Stopwatch.StartNew();
        int passes = 0;
        do { pass(); passes++; } while (sw.Elapsed.TotalSeconds < 2 || passes < 3);
        return passes * (double)pairsPerPass / sw.Elapsed.TotalSeconds;
    }

    /// <summary>&lt;repo&gt;/../shared/data/math500/test.jsonl or $SIFT_SHARED_DATA/math500/test.jsonl.</summary>
    public static string? DefaultPath() => Sift.IO.SharedData.DataFile(Path.Combine("math500", "test.jsonl"));
}
