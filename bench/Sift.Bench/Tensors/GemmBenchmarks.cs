using BenchmarkDotNet.Attributes;
using Sift.Tensors;

namespace Sift.Bench.Tensors;

/// <summary>
/// Managed SGEMM against OpenBLAS on 1024³, the transformer linear 4096×768 → 3072 (forward in both weight
/// layouts, and its dX and dW backward products) and sampling-logit GEMVs. Thread count: SIFT_THREADS.
/// Run: dotnet run -c Release --project bench/Sift.Bench -- --filter '*GemmBenchmarks*'
/// (GFLOP/s = <see cref="GemmShape.Flops"/> / mean time; `sift bench gemm` prints them directly.)
/// </summary>
[SimpleJob(warmupCount: 3, iterationCount: 9)]
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private IGemm gemm = null!;
    private float[] a = [], b = [], c = [];

    /// <summary>managed, and openblas when libopenblas.so.0 loads.</summary>
    public static IEnumerable<string> Implementations => GemmFactory.Available.Where(n => n != "naive");

    /// <summary>The standard shapes as "MxNxK:XY" (short enough for BenchmarkDotNet's table).</summary>
    public static IEnumerable<string> Shapes => GemmBenchmark.StandardShapes.Select(s => s.Spec);

    [ParamsSource(nameof(Implementations))]
    public string Implementation { get; set; } = "managed";

    [ParamsSource(nameof(Shapes))]
    public string ShapeSpec { get; set; } = "1024x1024x1024:NN";

    private GemmShape Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        gemm = GemmFactory.Create(Implementation);
        Shape = GemmShape.Parse(ShapeSpec);
        var rng = new Random(1);
        a = Fill(rng, Shape.M * Shape.K);
        b = Fill(rng, Shape.K * Shape.N);
        c = new float[Shape.M * Shape.N];
    }

    [Benchmark]
    public void Sgemm() =>
        gemm.Sgemm(Shape.TransA, Shape.TransB, Shape.M, Shape.N, Shape.K, 1f,
            a, Shape.TransA ? Shape.M : Shape.K, b, Shape.TransB ? Shape.K : Shape.N, 0f, c, Shape.N);

    private static float[] Fill(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        return x;
    }
}
