using BenchmarkDotNet.Attributes;
using Sift.Tensors;
using Sift.Tensors.Kernels;

namespace Sift.Bench.Model;

/// <summary>
/// The decode step's projections: RowLinear (batch-invariant, weights streamed once) against the
/// GEMM path it replaced, at the `small` lm_head shape (50304 × 384) and an MLP shape.
/// Run: dotnet run -c Release --project bench/Sift.Bench -- --filter '*DecodeLinearBenchmarks*'
/// </summary>
public class DecodeLinearBenchmarks
{
    private float[] _x = [], _w = [], _y = [];
    private IGemm _gemm = new NaiveGemm();

    [Params(1, 16, 32)]
    public int Rows { get; set; }

    [Params(50304, 1536)]
    public int Out { get; set; }

    private const int In = 384;

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(2);
        _x = Enumerable.Range(0, Rows * In).Select(_ => (float)rng.NextDouble()).ToArray();
        _w = Enumerable.Range(0, Out * In).Select(_ => (float)rng.NextDouble()).ToArray();
        _y = new float[Rows * Out];
        _gemm = GemmFactory.Default;
    }

    [Benchmark(Baseline = true)]
    public void Gemm() => Linear.Forward(_gemm, _x, _w, default, _y, Rows, In, Out);

    [Benchmark]
    public void RowLinearKernel() => RowLinear.Forward(_x, _w, default, _y, Rows, In, Out);
}
