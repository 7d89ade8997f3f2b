using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>
/// The attention core of a decoder (Vaswani et al. 2017) with grouped-query heads (Ainslie et al.
/// 2023): out = softmax(Q·Kᵀ/√D + causal mask)·V, query head h reading key/value head
/// h / (Hq/Hkv). q, k and v are rows of a fused projection buffer: row t of batch b starts at
/// (b·T + t)·rowStride, heads are [H, D] inside it. The probabilities are saved for backward.
/// Plain (not flash) form: at T ≤ a few hundred the saved [B, Hq, T, T] probabilities are small
/// and the backward needs no recomputation.
/// </summary>
public static unsafe class CausalAttention
{
    /// <param name="q">[B·T, rowStride] rows holding Hq·D query floats.</param>
    /// <param name="k">[B·T, rowStride] rows holding Hkv·D key floats.</param>
    /// <param name="v">[B·T, rowStride] rows holding Hkv·D value floats.</param>
    /// <param name="rowStride">Floats between rows of q, k and v.</param>
    /// <param name="output">[B·T, Hq·D] output.</param>
    /// <param name="probs">[B, Hq, T, T] saved softmax (upper triangle zeroed).</param>
    /// <param name="batch">B.</param>
    /// <param name="seq">T.</param>
    /// <param name="qHeads">Hq.</param>
    /// <param name="kvHeads">Hkv.</param>
    /// <param name="headDim">D.</param>
    public static void Forward(ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, int rowStride,
        Span<float> output, Span<float> probs, int batch, int seq, int qHeads, int kvHeads, int headDim)
    {
        if (probs.Length < (long)batch * qHeads * seq * seq) throw new ArgumentException("CausalAttention.Forward: probs too small");
        float scale = 1f / MathF.Sqrt(headDim);
        int group = qHeads / kvHeads;
        int outStride = qHeads * headDim;
        fixed (float* pq = q, pk = k, pv = v, po = output, pp = probs)
        {
            float* qp = pq, kp = pk, vp = pv, op = po, pr = pp;
            // Parallel over (batch, query head): each writes its own output columns and probability block.
            KernelParallel.For(batch * qHeads, 1, (s, e) =>
            {
                for (int bh = s; bh < e; bh++)
                {
                    int b = bh / qHeads, h = bh % qHeads, kvh = h / group;
                    for (int t = 0; t < seq; t++)
                    {
                        float* qrow = qp + (long)(b * seq + t) * rowStride + h * headDim;
                        float* prow = pr + ((long)bh * seq + t) * seq;
                        float max = float.NegativeInfinity;
                        for (int s2 = 0; s2 <= t; s2++)
                        {
                            float sc = SimdMath.Dot(qrow, kp + (long)(b * seq + s2) * rowStride + kvh * headDim, headDim) * scale;
                            prow[s2] = sc;
                            if (sc > max) max = sc;
                        }
                        var pspan = new Span<float>(prow, t + 1);
                        TensorPrimitives.Subtract(pspan, max, pspan);
                        TensorPrimitives.Exp(pspan, pspan);
                        float inv = 1f / TensorPrimitives.Sum(pspan);
                        TensorPrimitives.Multiply(pspan, inv, pspan);
                        new Span<float>(prow + t + 1, seq - t - 1).Clear();
                        float* orow = op + (long)(b * seq + t) * outStride + h * headDim;
                        new Span<float>(orow, headDim).Clear();
                        for (int s2 = 0; s2 <= t; s2++)
                        {
                            SimdMath.Axpy(prow[s2], vp + (long)(b * seq + s2) * rowStride + kvh * headDim, orow, headDim);
                        }
                    }
                }
            });
        }
    }

    /// <summary>
    /// dV += Pᵀ·dO; dS = P∘(dO·Vᵀ − rowsum(P∘dO·Vᵀ)); dQ += dS·K/√D; dK += dSᵀ·Q/√D.
    /// Parallel over (batch, key/value head): that work item owns dK and dV of its head and dQ of
    /// the query heads that read it, so no two threads write one float.
    /// </summary>
    /// <param name="dOutput">[B·T, Hq·D] gradient of the output.</param>
    /// <param name="q">[B·T, rowStride] forward queries.</param>
    /// <param name="k">[B·T, rowStride] forward keys.</param>
    /// <param name="v">[B·T, rowStride] forward values.</param>
    /// <param name="probs">[B, Hq, T, T] saved by forward.</param>
    /// <param name="dq">[B·T, rowStride] added into (same layout as q).</param>
    /// <param name="dk">[B·T, rowStride] added into.</param>
    /// <param name="dv">[B·T, rowStride] added into.</param>
    /// <param name="rowStride">Floats between rows of q, k, v, dq, dk, dv.</param>
    /// <param name="batch">B.</param>
    /// <param name="seq">T.</param>
    /// <param name="qHeads">Hq.</param>
    /// <param name="kvHeads">Hkv.</param>
    /// <param name="headDim">D.</param>
    public static void Backward(ReadOnlySpan<float> dOutput, ReadOnlySpan<float> q, ReadOnlySpan<float> k, ReadOnlySpan<float> v, ReadOnlySpan<float> probs,
        Span<float> dq, Span<float> dk, Span<float> dv, int rowStride, int batch, int seq, int qHeads, int kvHeads, int headDim)
    {
        float scale = 1f / MathF.Sqrt(headDim);
        int group = qHeads / kvHeads;
        int outStride = qHeads * headDim;
        fixed (float* pdo = dOutput, pq = q, pk = k, pv = v, pp = probs, pdq = dq, pdk = dk, pdv = dv)
        {
            float* dop = pdo, qp = pq, kp = pk, vp = pv, pr = pp, dqp = pdq, dkp = pdk, dvp = pdv;
            KernelParallel.For(batch * kvHeads, 1, (s, e) =>
            {
                Span<float> dsBuffer = seq <= 16384 ? stackalloc float[seq] : new float[seq];
                fixed (float* ds = dsBuffer)
                {
                    for (int bkv = s; bkv < e; bkv++)
                    {
                        int b = bkv / kvHeads, kvh = bkv % kvHeads;
                        for (int h = kvh * group; h < (kvh + 1) * group; h++)
                        {
                            for (int t = 0; t < seq; t++)
                            {
                                float* prow = pr + ((long)(b * qHeads + h) * seq + t) * seq;
                                float* dorow = dop + (long)(b * seq + t) * outStride + h * headDim;
                                float* qrow = qp + (long)(b * seq + t) * rowStride + h * headDim;
                                float* dqrow = dqp + (long)(b * seq + t) * rowStride + h * headDim;
                                float rowDot = 0f;
                                for (int s2 = 0; s2 <= t; s2++)
                                {
                                    long kv = (long)(b * seq + s2) * rowStride + kvh * headDim;
                                    float dp = SimdMath.Dot(dorow, vp + kv, headDim);
                                    ds[s2] = dp;
                                    rowDot += dp * prow[s2];
                                    SimdMath.Axpy(prow[s2], dorow, dvp + kv, headDim);
                                }
                                for (int s2 = 0; s2 <= t; s2++)
                                {
                                    long kv = (long)(b * seq + s2) * rowStride + kvh * headDim;
                                    float g = prow[s2] * (ds[s2] - rowDot) * scale;
                                    SimdMath.Axpy(g, kp + kv, dqrow, headDim);
                                    SimdMath.Axpy(g, qrow, dkp + kv, headDim);
                                }
                            }
                        }
                    }
                }
            });
        }
    }
}
