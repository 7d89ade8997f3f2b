using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sift.Tensors.Kernels;

/// <summary>
/// y = x·Wᵀ + b for a few rows (generation's decode step), built for two things a blocked GEMM
/// does not give: each output element is one dot product whose summation order depends only on
/// the input width (so a row gets the same floats whatever the row count: batch-invariant
/// sampling), and the weight matrix is streamed from memory once per call however many rows there
/// are (decoding is bandwidth-bound). Parallel over output features (the written dimension).
/// </summary>
public static unsafe class RowLinear
{
    private const int OutputsPerTask = 64;

    /// <param name="x">[R, In] input rows.</param>
    /// <param name="w">[Out, In] weight (nn.Linear layout).</param>
    /// <param name="b">[Out] bias, or empty.</param>
    /// <param name="y">[R, Out] output (overwritten).</param>
    /// <param name="rows">R.</param>
    /// <param name="inFeatures">In.</param>
    /// <param name="outFeatures">Out.</param>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y, int rows, int inFeatures, int outFeatures)
        => Forward(x, w, b, y, rows, inFeatures, outFeatures, SimdVariants.Default);

    /// <summary>As the other overload, with the vector width chosen by <paramref name="variant"/> (tests run each one).</summary>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y, int rows, int inFeatures, int outFeatures, SimdVariant variant)
    {
        if (!SimdVariants.IsSupported(variant)) throw new ArgumentException($"RowLinear.Forward: {variant} is not hardware-accelerated here", nameof(variant));
        if ((long)rows * inFeatures > x.Length || (long)outFeatures * inFeatures > w.Length || (long)rows * outFeatures > y.Length || (!b.IsEmpty && b.Length < outFeatures))
            throw new ArgumentException("RowLinear.Forward: buffer too small");
        bool hasBias = !b.IsEmpty;
        fixed (float* px = x, pw = w, pb = b, py = y)
        {
            float* xp = px, wp = pw, bp = pb, yp = py;
            int tasks = (outFeatures + OutputsPerTask - 1) / OutputsPerTask;
            KernelParallel.For(tasks, 1, (s, e) =>
            {
                for (int task = s; task < e; task++)
                {
                    int o0 = task * OutputsPerTask;
                    int o1 = Math.Min(outFeatures, o0 + OutputsPerTask);
                    int o = o0;
                    for (; o + 4 <= o1; o += 4)
                    {
                        float* w0 = wp + (long)o * inFeatures;
                        int r = 0;
                        if (variant == SimdVariant.Vector512)
                        {
                            for (; r + 4 <= rows; r += 4)
                            {
                                Dot4x4(xp + (long)r * inFeatures, w0, inFeatures, yp + (long)r * outFeatures + o, outFeatures);
                                if (hasBias)
                                {
                                    for (int rr = r; rr < r + 4; rr++)
                                    {
                                        float* yr = yp + (long)rr * outFeatures + o;
                                        yr[0] += bp[o];
                                        yr[1] += bp[o + 1];
                                        yr[2] += bp[o + 2];
                                        yr[3] += bp[o + 3];
                                    }
                                }
                            }
                        }
                        for (; r < rows; r++)
                        {
                            float* xr = xp + (long)r * inFeatures;
                            float* yr = yp + (long)r * outFeatures + o;
                            Dot4(xr, w0, inFeatures, yr, variant);
                            if (hasBias)
                            {
                                yr[0] += bp[o];
                                yr[1] += bp[o + 1];
                                yr[2] += bp[o + 2];
                                yr[3] += bp[o + 3];
                            }
                        }
                    }
                    for (; o < o1; o++)
                    {
                        float* wo = wp + (long)o * inFeatures;
                        for (int r = 0; r < rows; r++)
                        {
                            float v = Dot1(xp + (long)r * inFeatures, wo, inFeatures, variant);
                            yp[(long)r * outFeatures + o] = hasBias ? v + bp[o] : v;
                        }
                    }
                }
            });
        }
    }

    // One accumulator per output, 16 lanes, then a horizontal sum and a scalar tail: the same
    // order in Dot1 and Dot4, so grouping never changes a result.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot1(float* x, float* w, int n, SimdVariant variant)
    {
        int i = 0;
        float sum = 0f;
        if (variant == SimdVariant.Vector512)
        {
            var acc = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(w + i), acc);
            sum = Vector512.Sum(acc);
        }
        else if (variant == SimdVariant.Vector256)
        {
            var acc = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(w + i), acc);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum = MathF.FusedMultiplyAdd(x[i], w[i], sum);
        return sum;
    }

    // Four rows × four outputs: 16 accumulators, each summing exactly as Dot1 does.
    private static void Dot4x4(float* x0, float* w0, int n, float* y0, int yStride)
    {
        float* x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
        float* w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        var a00 = Vector512<float>.Zero; var a01 = Vector512<float>.Zero; var a02 = Vector512<float>.Zero; var a03 = Vector512<float>.Zero;
        var a10 = Vector512<float>.Zero; var a11 = Vector512<float>.Zero; var a12 = Vector512<float>.Zero; var a13 = Vector512<float>.Zero;
        var a20 = Vector512<float>.Zero; var a21 = Vector512<float>.Zero; var a22 = Vector512<float>.Zero; var a23 = Vector512<float>.Zero;
        var a30 = Vector512<float>.Zero; var a31 = Vector512<float>.Zero; var a32 = Vector512<float>.Zero; var a33 = Vector512<float>.Zero;
        int i = 0;
        for (; i + 16 <= n; i += 16)
        {
            var v0 = Vector512.Load(w0 + i); var v1 = Vector512.Load(w1 + i); var v2 = Vector512.Load(w2 + i); var v3 = Vector512.Load(w3 + i);
            var u = Vector512.Load(x0 + i);
            a00 = Vector512.FusedMultiplyAdd(u, v0, a00); a01 = Vector512.FusedMultiplyAdd(u, v1, a01); a02 = Vector512.FusedMultiplyAdd(u, v2, a02); a03 = Vector512.FusedMultiplyAdd(u, v3, a03);
            u = Vector512.Load(x1 + i);
            a10 = Vector512.FusedMultiplyAdd(u, v0, a10); a11 = Vector512.FusedMultiplyAdd(u, v1, a11); a12 = Vector512.FusedMultiplyAdd(u, v2, a12); a13 = Vector512.FusedMultiplyAdd(u, v3, a13);
            u = Vector512.Load(x2 + i);
            a20 = Vector512.FusedMultiplyAdd(u, v0, a20); a21 = Vector512.FusedMultiplyAdd(u, v1, a21); a22 = Vector512.FusedMultiplyAdd(u, v2, a22); a23 = Vector512.FusedMultiplyAdd(u, v3, a23);
            u = Vector512.Load(x3 + i);
            a30 = Vector512.FusedMultiplyAdd(u, v0, a30); a31 = Vector512.FusedMultiplyAdd(u, v1, a31); a32 = Vector512.FusedMultiplyAdd(u, v2, a32); a33 = Vector512.FusedMultiplyAdd(u, v3, a33);
        }
        Finish(x0, w0, w1, w2, w3, i, n, y0, Vector512.Sum(a00), Vector512.Sum(a01), Vector512.Sum(a02), Vector512.Sum(a03));
        Finish(x1, w0, w1, w2, w3, i, n, y0 + yStride, Vector512.Sum(a10), Vector512.Sum(a11), Vector512.Sum(a12), Vector512.Sum(a13));
        Finish(x2, w0, w1, w2, w3, i, n, y0 + 2 * yStride, Vector512.Sum(a20), Vector512.Sum(a21), Vector512.Sum(a22), Vector512.Sum(a23));
        Finish(x3, w0, w1, w2, w3, i, n, y0 + 3 * yStride, Vector512.Sum(a30), Vector512.Sum(a31), Vector512.Sum(a32), Vector512.Sum(a33));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish(float* x, float* w0, float* w1, float* w2, float* w3, int i, int n, float* y, float s0, float s1, float s2, float s3)
    {
        for (; i < n; i++)
        {
            s0 = MathF.FusedMultiplyAdd(x[i], w0[i], s0);
            s1 = MathF.FusedMultiplyAdd(x[i], w1[i], s1);
            s2 = MathF.FusedMultiplyAdd(x[i], w2[i], s2);
            s3 = MathF.FusedMultiplyAdd(x[i], w3[i], s3);
        }
        y[0] = s0; y[1] = s1; y[2] = s2; y[3] = s3;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4(float* x, float* w0, int n, float* y, SimdVariant variant)
    {
        float* w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        int i = 0;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        if (variant == SimdVariant.Vector512)
        {
            var a0 = Vector512<float>.Zero; var a1 = Vector512<float>.Zero; var a2 = Vector512<float>.Zero; var a3 = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16)
            {
                var xv = Vector512.Load(x + i);
                a0 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w0 + i), a0);
                a1 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w1 + i), a1);
                a2 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w2 + i), a2);
                a3 = Vector512.FusedMultiplyAdd(xv, Vector512.Load(w3 + i), a3);
            }
            s0 = Vector512.Sum(a0); s1 = Vector512.Sum(a1); s2 = Vector512.Sum(a2); s3 = Vector512.Sum(a3);
        }
        else if (variant == SimdVariant.Vector256)
        {
            var a0 = Vector256<float>.Zero; var a1 = Vector256<float>.Zero; var a2 = Vector256<float>.Zero; var a3 = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8)
            {
                var xv = Vector256.Load(x + i);
                a0 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(w0 + i), a0);
                a1 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(w1 + i), a1);
                a2 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(w2 + i), a2);
                a3 = Vector256.FusedMultiplyAdd(xv, Vector256.Load(w3 + i), a3);
            }
            s0 = Vector256.Sum(a0); s1 = Vector256.Sum(a1); s2 = Vector256.Sum(a2); s3 = Vector256.Sum(a3);
        }
        for (; i < n; i++)
        {
            s0 = MathF.FusedMultiplyAdd(x[i], w0[i], s0);
            s1 = MathF.FusedMultiplyAdd(x[i], w1[i], s1);
            s2 = MathF.FusedMultiplyAdd(x[i], w2[i], s2);
            s3 = MathF.FusedMultiplyAdd(x[i], w3[i], s3);
        }
        y[0] = s0; y[1] = s1; y[2] = s2; y[3] = s3;
    }
}
