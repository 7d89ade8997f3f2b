using BenchmarkDotNet.Attributes;
using Sift.Tensors.Kernels;

namespace Sift.Bench.Model;

/// <summary>
/// The non-GEMM layer kernels at the `small` training shape (B=8, T=256, C=384, F=1536, 6 heads,
/// vocab 50304), fast kernel against its naive twin where the twin is affordable.
/// Run: dotnet run -c Release --project bench/Sift.Bench -- --filter '*KernelBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class KernelBenchmarks
{
    private const int B = 8, T = 256, C = 384, F = 1536, H = 6, D = 64, V = 50304;
    private const int N = B * T;
    private float[] _x = [], _y = [], _w = [], _b = [], _mean = [], _rstd = [], _qkv = [], _att = [], _probs = [], _dqkv = [];
    private float[] _dw = [], _db = [], _fc = [], _act = [], _logits = [], _rowLoss = [], _weights = [];
    private int[] _targets = [];

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        float[] R(int n) => Enumerable.Range(0, n).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
        _x = R(N * C); _y = new float[N * C]; _w = R(C); _b = R(C); _mean = new float[N]; _rstd = new float[N];
        _qkv = R(N * 3 * C); _att = new float[N * C]; _probs = new float[B * H * T * T]; _dqkv = new float[N * 3 * C];
        _dw = new float[C]; _db = new float[C];
        _fc = R(N * F); _act = new float[N * F];
        _logits = R(128 * V); _rowLoss = new float[128]; _weights = Enumerable.Repeat(1f, 128).ToArray();
        _targets = Enumerable.Range(0, 128).Select(i => i * 7 % V).ToArray();
    }

    [Benchmark]
    public void LayerNormForward() => LayerNorm.Forward(_x, _w, _b, _y, _mean, _rstd, C, 1e-5f);

    [Benchmark]
    public void LayerNormForwardNaive() => NaiveKernels<float>.LayerNormForward(_x, _w, _b, _y, C, 1e-5f);

    [Benchmark]
    public void LayerNormBackward() => LayerNorm.Backward(_x, _x, _w, _mean, _rstd, _y, _dw, _db, C);

    [Benchmark]
    public void GeluForward() => GeluTanh.Forward(_fc, _act, F);

    [Benchmark]
    public void GeluForwardNaive() => NaiveKernels<float>.GeluForward(_fc, _act);

    [Benchmark]
    public void AttentionForward() => CausalAttention.Forward(_qkv, _qkv.AsSpan(C), _qkv.AsSpan(2 * C), 3 * C, _att, _probs, B, T, H, H, D);

    [Benchmark]
    public void AttentionBackward() => CausalAttention.Backward(_att, _qkv, _qkv.AsSpan(C), _qkv.AsSpan(2 * C), _probs, _dqkv, _dqkv.AsSpan(C), _dqkv.AsSpan(2 * C), 3 * C, B, T, H, H, D);

    /// <summary>Cross-entropy over the 50304 vocabulary for 128 rows (fused forward + backward, in place).</summary>
    [Benchmark]
    public float CrossEntropy128Rows() => SoftmaxCrossEntropy.ForwardBackward(_logits, _targets, _weights, 128f, _logits, _rowLoss, V); // in place: later iterations see gradients, same work
}
