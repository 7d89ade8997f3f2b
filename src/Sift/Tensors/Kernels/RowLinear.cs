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
    {
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
                        for (int r = 0; r < rows; r++)
                        {
                            float* xr = xp + (long)r * inFeatures;
                            float* yr = yp + (long)r * outFeatures + o;
                            Dot4(xr, w0, inFeatures, yr);
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
                            float v = Dot1(xp + (long)r * inFeatures, wo, inFeatures);
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
    private static float Dot1(float* x, float* w, int n)
    {
        int i = 0;
        float sum = 0f;
        if (Vector512.IsHardwareAccelerated)
        {
            var acc = Vector512<float>.Zero;
            for (; i + 16 <= n; i += 16) acc = Vector512.FusedMultiplyAdd(Vector512.Load(x + i), Vector512.Load(w + i), acc);
            sum = Vector512.Sum(acc);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var acc = Vector256<float>.Zero;
            for (; i + 8 <= n; i += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + i), Vector256.Load(w + i), acc);
            sum = Vector256.Sum(acc);
        }
        for (; i < n; i++) sum = MathF.FusedMultiplyAdd(x[i], w[i], sum);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Dot4(float* x, float* w0, int n, float* y)
    {
        float* w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        int i = 0;
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
        if (Vector512.IsHardwareAccelerated)
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
        else if (Vector256.IsHardwareAccelerated)
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
