namespace Sift.Tensors.Kernels;

/// <summary>
/// Rotary position embedding (Su et al. 2021, RoFormer) in Hugging Face's "rotate_half" layout:
/// for d &lt; D/2, out[d] = x[d]·cos − x[d+D/2]·sin, out[d+D/2] = x[d+D/2]·cos + x[d]·sin, with
/// angle pos·theta^(−2d/D). Works on rows that hold <c>heads</c> heads of <c>headDim</c>
/// floats at the start of a row of <c>rowStride</c> floats (so q and k can be rotated inside a
/// fused qkv buffer).
/// </summary>
public static unsafe class RotaryEmbedding
{
    /// <summary>Builds cos/sin tables [maxPos, D/2] (angles computed in double).</summary>
    /// <param name="maxPositions">Positions covered.</param>
    /// <param name="headDim">D (even).</param>
    /// <param name="theta">rope_theta.</param>
    /// <param name="cos">[maxPos, D/2] output.</param>
    /// <param name="sin">[maxPos, D/2] output.</param>
    public static void BuildTables(int maxPositions, int headDim, double theta, Span<float> cos, Span<float> sin)
    {
        int half = headDim / 2;
        for (int p = 0; p < maxPositions; p++)
        {
            for (int d = 0; d < half; d++)
            {
                // HF computes inv_freq in float32; match it so angles agree with the reference.
                float invFreq = (float)(1.0 / Math.Pow(theta, 2.0 * d / headDim));
                float angle = p * invFreq;
                cos[p * half + d] = MathF.Cos(angle);
                sin[p * half + d] = MathF.Sin(angle);
            }
        }
    }

    /// <summary>y = rotate(x) by each row's position. y may be x (in place).</summary>
    /// <param name="x">[N, rowStride] rows; heads·D floats used from the start.</param>
    /// <param name="y">[N, rowStride] output rows (same layout).</param>
    /// <param name="positions">[N] position of each row.</param>
    /// <param name="cos">[maxPos, D/2] table.</param>
    /// <param name="sin">[maxPos, D/2] table.</param>
    /// <param name="n">Rows N.</param>
    /// <param name="heads">Heads per row.</param>
    /// <param name="headDim">D.</param>
    /// <param name="rowStride">Floats between rows.</param>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> positions, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin,
        int n, int heads, int headDim, int rowStride) => Rotate(x, y, positions, cos, sin, n, heads, headDim, rowStride, 1f, false);

    /// <summary>dx += Rᵀ·dy (the rotation is orthogonal, so its backward rotates by −angle).</summary>
    /// <param name="dy">[N, rowStride] gradient of the output.</param>
    /// <param name="dx">[N, rowStride] added into.</param>
    /// <param name="positions">[N] position of each row.</param>
    /// <param name="cos">[maxPos, D/2] table.</param>
    /// <param name="sin">[maxPos, D/2] table.</param>
    /// <param name="n">Rows N.</param>
    /// <param name="heads">Heads per row.</param>
    /// <param name="headDim">D.</param>
    /// <param name="rowStride">Floats between rows.</param>
    public static void Backward(ReadOnlySpan<float> dy, Span<float> dx, ReadOnlySpan<int> positions, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin,
        int n, int heads, int headDim, int rowStride) => Rotate(dy, dx, positions, cos, sin, n, heads, headDim, rowStride, -1f, true);

    private static void Rotate(ReadOnlySpan<float> x, Span<float> y, ReadOnlySpan<int> positions, ReadOnlySpan<float> cos, ReadOnlySpan<float> sin,
        int n, int heads, int headDim, int rowStride, float sinSign, bool accumulate)
    {
        int half = headDim / 2;
        int maxPos = cos.Length / half;
        for (int i = 0; i < n; i++)
        {
            if ((uint)positions[i] >= (uint)maxPos) throw new ArgumentOutOfRangeException(nameof(positions), $"position {positions[i]} outside the rotary table [0, {maxPos})");
        }
        fixed (float* px = x, py = y, pc = cos, ps = sin)
        fixed (int* ppos = positions)
        {
            float* xp = px, yp = py, cp = pc, sp = ps;
            int* posp = ppos;
            KernelParallel.For(n, 16, (s, e) =>
            {
                for (int i = s; i < e; i++)
                {
                    float* c = cp + (long)posp[i] * half;
                    float* sn = sp + (long)posp[i] * half;
                    for (int h = 0; h < heads; h++)
                    {
                        float* xr = xp + (long)i * rowStride + h * headDim;
                        float* yr = yp + (long)i * rowStride + h * headDim;
                        for (int d = 0; d < half; d++)
                        {
                            float a = xr[d], b = xr[d + half];
                            float sv = sinSign * sn[d];
                            float o1 = a * c[d] - b * sv;
                            float o2 = b * c[d] + a * sv;
                            if (accumulate)
                            {
                                yr[d] += o1;
                                yr[d + half] += o2;
                            }
                            else
                            {
                                yr[d] = o1;
                                yr[d + half] = o2;
                            }
                        }
                    }
                }
            });
        }
    }
}
