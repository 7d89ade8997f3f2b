using System.Diagnostics;

namespace Sift.Tensors;

/// <summary>A GEMM problem to time: C[m, n] = op(A)·op(B) with k summed.</summary>
public readonly record struct GemmShape(string Label, int M, int N, int K, bool TransA = false, bool TransB = false)
{
    /// <summary>Floating-point operations of one call (a multiply-add counts 2).</summary>
    public double Flops => 2.0 * M * N * K;

    /// <summary>The compact form <see cref="Parse"/> reads, e.g. "4096x3072x768:NT".</summary>
    public string Spec => $"{M}x{N}x{K}:{(TransA ? 'T' : 'N')}{(TransB ? 'T' : 'N')}";

    /// <summary>
    /// Parses "MxNxK" (m, n, k of C[m, n] += op(A)[m, k]·op(B)[k, n]) with an optional ":XY" suffix giving
    /// op(A) and op(B), each N (as stored) or T (transposed), e.g. "4096x3072x768:NT".
    /// </summary>
    public static GemmShape Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string[] parts = text.Trim().Split(':');
        string[] dims = parts[0].Split('x', 'X', '×');
        if (parts.Length > 2 || dims.Length != 3
            || !int.TryParse(dims[0], out int m) || !int.TryParse(dims[1], out int n) || !int.TryParse(dims[2], out int k)
            || m < 1 || n < 1 || k < 1)
        {
            throw new FormatException($"GEMM shape '{text}': expected MxNxK with positive sizes, optionally :NN, :NT, :TN or :TT.");
        }

        bool transA = false, transB = false;
        if (parts.Length == 2)
        {
            string t = parts[1].Trim().ToUpperInvariant();
            if (t.Length != 2 || t.Any(ch => ch is not ('N' or 'T')))
            {
                throw new FormatException($"GEMM shape '{text}': the suffix must be NN, NT, TN or TT (op(A) then op(B)).");
            }

            transA = t[0] == 'T';
            transB = t[1] == 'T';
        }

        return new GemmShape(text.Trim(), m, n, k, transA, transB);
    }

    public override string ToString() =>
        $"{Label} (m={M} n={N} k={K}{(TransA ? " Aᵀ" : "")}{(TransB ? " Bᵀ" : "")})";
}

/// <summary>The timing of one implementation on one shape: median over runs, and each run.</summary>
public sealed record GemmBenchmarkResult(string Implementation, GemmShape Shape, int Threads,
    double MedianGflops, double MedianMilliseconds, IReadOnlyList<double> RunGflops);

/// <summary>
/// Quick GFLOP/s measurements of <see cref="IGemm"/> implementations (what `sift bench gemm` prints).
/// The machine may be shared and noisy, so implementations are timed interleaved (one run of each in
/// turn) and medians are reported.
/// </summary>
public static class GemmBenchmark
{
    /// <summary>1024³, the transformer linear 4096×768 → 3072 (GPT-2 MLP at 4096 tokens) with its
    /// forward in both weight layouts and its two backward products, and sampling logits (vocab 50304,
    /// width 384) at batch 1 and 16.</summary>
    public static IReadOnlyList<GemmShape> StandardShapes { get; } =
    [
        new("square 1024", 1024, 1024, 1024),
        new("linear fwd", 4096, 3072, 768),
        new("linear fwd W[out,in]", 4096, 3072, 768, TransB: true),
        new("linear bwd dX", 4096, 768, 3072),
        new("linear bwd dW", 3072, 768, 4096, TransA: true),
        new("logits b1", 1, 50304, 384, TransB: true),
        new("logits b16", 16, 50304, 384, TransB: true),
    ];

    /// <summary>Untimed calls per implementation and shape last at least this long (see RunInterleaved).</summary>
    public static TimeSpan MinWarmup { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Times one implementation: <paramref name="warmup"/> untimed calls, then the median of <paramref name="runs"/>.</summary>
    public static GemmBenchmarkResult Run(IGemm gemm, GemmShape shape, int runs = 5, int warmup = 1) =>
        RunInterleaved([gemm], shape, runs, warmup)[0];

    /// <summary>Times several implementations on the same operands, alternating them run by run.</summary>
    public static IReadOnlyList<GemmBenchmarkResult> RunInterleaved(IReadOnlyList<IGemm> gemms, GemmShape shape, int runs = 5, int warmup = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(runs, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmup);
        int aRows = shape.TransA ? shape.K : shape.M, aCols = shape.TransA ? shape.M : shape.K;
        int bRows = shape.TransB ? shape.N : shape.K, bCols = shape.TransB ? shape.K : shape.N;
        float[] a = RandomMatrix(aRows * aCols, 1);
        float[] b = RandomMatrix(bRows * bCols, 2);
        float[] c = new float[shape.M * shape.N];
        var seconds = new double[gemms.Count][];
        for (int g = 0; g < gemms.Count; g++)
        {
            seconds[g] = new double[runs];
            // At least `warmup` calls and at least MinWarmup of calls: .NET's tiered JIT runs the
            // managed kernel's packing and dispatch code unoptimised for its first ~30 calls.
            long warmStart = Stopwatch.GetTimestamp();
            for (int w = 0; w < warmup || Stopwatch.GetElapsedTime(warmStart) < MinWarmup; w++)
            {
                Call(gemms[g], shape, a, aCols, b, bCols, c);
            }
        }

        for (int r = 0; r < runs; r++)
        {
            for (int g = 0; g < gemms.Count; g++)
            {
                long start = Stopwatch.GetTimestamp();
                Call(gemms[g], shape, a, aCols, b, bCols, c);
                seconds[g][r] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }
        }

        var results = new GemmBenchmarkResult[gemms.Count];
        for (int g = 0; g < gemms.Count; g++)
        {
            double[] gflops = seconds[g].Select(s => shape.Flops / s / 1e9).ToArray();
            double medianSeconds = Median(seconds[g]);
            results[g] = new GemmBenchmarkResult(gemms[g].Name, shape, ParallelPlan.ThreadCount,
                shape.Flops / medianSeconds / 1e9, medianSeconds * 1e3, gflops);
        }

        return results;
    }

    private static void Call(IGemm gemm, GemmShape s, float[] a, int lda, float[] b, int ldb, float[] c) =>
        gemm.Sgemm(s.TransA, s.TransB, s.M, s.N, s.K, 1f, a, lda, b, ldb, 0f, c, s.N);

    private static float[] RandomMatrix(int length, int seed)
    {
        var rng = new Random(seed);
        var x = new float[length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        return x;
    }

    internal static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
    }
}
