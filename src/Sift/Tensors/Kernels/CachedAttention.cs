using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>
/// Attention of new query rows against a key/value cache, for generation. Row r belongs to cache
/// slot slots[r] and sits at position positions[r]; it attends to cache entries 0..positions[r]
/// of its own slot (its own key/value must already be written). Each row's arithmetic depends only
/// on its slot's cache, never on the other rows, so a sequence gives the same floats alone or in
/// any batch.
/// </summary>
public static unsafe class CachedAttention
{
    /// <param name="q">[R, rowStride] rows holding Hq·D query floats.</param>
    /// <param name="rowStride">Floats between query rows.</param>
    /// <param name="keyCache">[slots, maxSeq, Hkv·D] keys.</param>
    /// <param name="valueCache">[slots, maxSeq, Hkv·D] values.</param>
    /// <param name="maxSeq">Cache length per slot.</param>
    /// <param name="slots">[R] cache slot of each row.</param>
    /// <param name="positions">[R] position of each row (attends to 0..position).</param>
    /// <param name="output">[R, Hq·D] output.</param>
    /// <param name="qHeads">Hq.</param>
    /// <param name="kvHeads">Hkv.</param>
    /// <param name="headDim">D.</param>
    public static void Forward(ReadOnlySpan<float> q, int rowStride, ReadOnlySpan<float> keyCache, ReadOnlySpan<float> valueCache, int maxSeq,
        ReadOnlySpan<int> slots, ReadOnlySpan<int> positions, Span<float> output, int qHeads, int kvHeads, int headDim)
    {
        int rows = slots.Length;
        float scale = 1f / MathF.Sqrt(headDim);
        int group = qHeads / kvHeads;
        int kvStride = kvHeads * headDim;
        int outStride = qHeads * headDim;
        fixed (float* pq = q, pk = keyCache, pv = valueCache, po = output)
        fixed (int* ps = slots, ppos = positions)
        {
            float* qp = pq, kp = pk, vp = pv, op = po;
            int* sp = ps, posp = ppos;
            KernelParallel.For(rows * qHeads, 1, (s, e) =>
            {
                Span<float> scoreBuffer = maxSeq <= 16384 ? stackalloc float[maxSeq] : new float[maxSeq];
                for (int rh = s; rh < e; rh++)
                {
                    int r = rh / qHeads, h = rh % qHeads, kvh = h / group;
                    int len = posp[r] + 1;
                    float* kbase = kp + (long)sp[r] * maxSeq * kvStride + kvh * headDim;
                    float* vbase = vp + (long)sp[r] * maxSeq * kvStride + kvh * headDim;
                    float* qrow = qp + (long)r * rowStride + h * headDim;
                    var scores = scoreBuffer[..len];
                    float max = float.NegativeInfinity;
                    for (int j = 0; j < len; j++)
                    {
                        float sc = SimdMath.Dot(qrow, kbase + (long)j * kvStride, headDim) * scale;
                        scores[j] = sc;
                        if (sc > max) max = sc;
                    }
                    TensorPrimitives.Subtract(scores, max, scores);
                    TensorPrimitives.Exp(scores, scores);
                    float inv = 1f / TensorPrimitives.Sum(scores);
                    TensorPrimitives.Multiply(scores, inv, scores);
                    float* orow = op + (long)r * outStride + h * headDim;
                    new Span<float>(orow, headDim).Clear();
                    for (int j = 0; j < len; j++) SimdMath.Axpy(scores[j], vbase + (long)j * kvStride, orow, headDim);
                }
            });
        }
    }
}
