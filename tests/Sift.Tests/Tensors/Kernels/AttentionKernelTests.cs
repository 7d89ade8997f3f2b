using Sift.Tensors.Kernels;
using Sift.Tests.Support;
using static Sift.Tests.Tensors.Kernels.GradientCheck;

namespace Sift.Tests.Tensors.Kernels;

[Collection(Sift.Tests.Model.EngineThreadsCollection.Name)]
public sealed class AttentionKernelTests
{
    // Grouped-query shape: 4 query heads share 2 key/value heads; rows padded (stride > q|k|v).
    private const int B = 2, T = 5, Hq = 4, Hkv = 2, D = 4, Stride = (Hq + 2 * Hkv) * D + 3;
    private const int QOff = 0, KOff = Hq * D, VOff = (Hq + Hkv) * D;

    private static double[] NaiveForward(double[] qkv)
    {
        var y = new double[B * T * Hq * D];
        NaiveKernels<double>.AttentionForward(qkv.AsSpan(QOff), qkv.AsSpan(KOff), qkv.AsSpan(VOff), Stride, y, B, T, Hq, Hkv, D);
        return y;
    }

    [Fact]
    public void Attention_backward_matches_finite_differences_naive_and_fast()
    {
        var qkv = Random(B * T * Stride, 41, 1.5);
        FiniteDifference.Check([qkv], inp => NaiveForward(inp[0]), dy =>
        {
            var d = new double[qkv.Length];
            NaiveKernels<double>.AttentionBackward(dy, qkv.AsSpan(QOff), qkv.AsSpan(KOff), qkv.AsSpan(VOff), d.AsSpan(QOff), d.AsSpan(KOff), d.AsSpan(VOff), Stride, B, T, Hq, Hkv, D);
            return [d];
        }, 1e-6);
        FiniteDifference.Check([qkv], inp => NaiveForward(inp[0]), dy =>
        {
            var f = ToFloat(qkv);
            var y = new float[B * T * Hq * D];
            var probs = new float[B * Hq * T * T];
            CausalAttention.Forward(f.AsSpan(QOff), f.AsSpan(KOff), f.AsSpan(VOff), Stride, y, probs, B, T, Hq, Hkv, D);
            Close(NaiveForward(qkv), y, 1e-5, "attention forward");
            var d = new float[qkv.Length];
            CausalAttention.Backward(ToFloat(dy), f.AsSpan(QOff), f.AsSpan(KOff), f.AsSpan(VOff), probs, d.AsSpan(QOff), d.AsSpan(KOff), d.AsSpan(VOff), Stride, B, T, Hq, Hkv, D);
            return [ToDouble(d)];
        }, 1e-4);
    }

    [Fact]
    public void Cached_attention_equals_full_causal_attention_bit_for_bit()
    {
        var f = ToFloat(Random(B * T * Stride, 42, 1.5));
        var full = new float[B * T * Hq * D];
        CausalAttention.Forward(f.AsSpan(QOff), f.AsSpan(KOff), f.AsSpan(VOff), Stride, full, new float[B * Hq * T * T], B, T, Hq, Hkv, D);
        // Cache: slot s holds sequence b = 1 − s, so slots and batch rows differ.
        const int maxSeq = 8, kv = Hkv * D;
        var kc = new float[2 * maxSeq * kv];
        var vc = new float[2 * maxSeq * kv];
        for (int b = 0; b < B; b++)
            for (int t = 0; t < T; t++)
            {
                int slot = 1 - b;
                f.AsSpan((b * T + t) * Stride + KOff, kv).CopyTo(kc.AsSpan((slot * maxSeq + t) * kv));
                f.AsSpan((b * T + t) * Stride + VOff, kv).CopyTo(vc.AsSpan((slot * maxSeq + t) * kv));
            }
        // Query every (b, t) as its own row, in a shuffled order.
        var rows = new List<(int B, int T)>();
        for (int b = 0; b < B; b++) for (int t = 0; t < T; t++) rows.Add((b, t));
        rows.Reverse();
        var q = new float[rows.Count * Hq * D];
        var slots = new int[rows.Count];
        var positions = new int[rows.Count];
        for (int r = 0; r < rows.Count; r++)
        {
            f.AsSpan((rows[r].B * T + rows[r].T) * Stride + QOff, Hq * D).CopyTo(q.AsSpan(r * Hq * D));
            slots[r] = 1 - rows[r].B;
            positions[r] = rows[r].T;
        }
        var outp = new float[rows.Count * Hq * D];
        CachedAttention.Forward(q, Hq * D, kc, vc, maxSeq, slots, positions, outp, Hq, Hkv, D);
        for (int r = 0; r < rows.Count; r++)
        {
            Assert.Equal(full.AsSpan((rows[r].B * T + rows[r].T) * Hq * D, Hq * D).ToArray(), outp.AsSpan(r * Hq * D, Hq * D).ToArray());
        }
    }

    [Fact]
    public void Attention_is_identical_with_one_and_two_threads()
    {
        var f = ToFloat(Random(B * T * Stride, 43));
        var dy = ToFloat(Random(B * T * Hq * D, 44));
        (float[], float[]) Run(int threads)
        {
            int keep = KernelParallel.MaxThreads;
            KernelParallel.MaxThreads = threads;
            try
            {
                var y = new float[B * T * Hq * D];
                var probs = new float[B * Hq * T * T];
                CausalAttention.Forward(f.AsSpan(QOff), f.AsSpan(KOff), f.AsSpan(VOff), Stride, y, probs, B, T, Hq, Hkv, D);
                var d = new float[f.Length];
                CausalAttention.Backward(dy, f.AsSpan(QOff), f.AsSpan(KOff), f.AsSpan(VOff), probs, d.AsSpan(QOff), d.AsSpan(KOff), d.AsSpan(VOff), Stride, B, T, Hq, Hkv, D);
                return (y, d);
            }
            finally { KernelParallel.MaxThreads = keep; }
        }
        var (y1, d1) = Run(1);
        var (y2, d2) = Run(2);
        Assert.Equal(y1, y2);
        Assert.Equal(d1, d2);
    }
}
