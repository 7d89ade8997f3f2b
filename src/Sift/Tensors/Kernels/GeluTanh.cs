using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>GELU, tanh approximation (Hendrycks &amp; Gimpel 2016): 0.5·x·(1 + tanh(√(2/π)(x + 0.044715x³))).</summary>
public static unsafe class GeluTanh
{
    internal const float Sqrt2OverPi = 0.7978845608028654f;
    internal const float Coeff = 0.044715f;

    /// <param name="x">[N, F] input.</param>
    /// <param name="y">[N, F] output.</param>
    /// <param name="f">Row width F (rows are processed in parallel).</param>
    public static void Forward(ReadOnlySpan<float> x, Span<float> y, int f)
    {
        int n = x.Length / f;
        fixed (float* px = x, py = y)
        {
            float* xp = px, yp = py;
            KernelParallel.For(n, 8, (s, e) =>
            {
                Span<float> t = f <= 16384 ? stackalloc float[f] : new float[f];
                for (int i = s; i < e; i++)
                {
                    var xr = new ReadOnlySpan<float>(xp + (long)i * f, f);
                    var yr = new Span<float>(yp + (long)i * f, f);
                    Inner(xr, t);
                    TensorPrimitives.Tanh(t, t);
                    TensorPrimitives.Add(t, 1f, t);
                    TensorPrimitives.Multiply(xr, t, yr);
                    TensorPrimitives.Multiply(yr, 0.5f, yr);
                }
            });
        }
    }

    /// <summary>dx += dy·(0.5(1 + t) + 0.5x(1 − t²)·√(2/π)(1 + 3·0.044715x²)), t = tanh(inner).</summary>
    /// <param name="dy">[N, F] gradient of the output.</param>
    /// <param name="x">[N, F] forward input.</param>
    /// <param name="dx">[N, F] added into.</param>
    /// <param name="f">Row width F.</param>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, Span<float> dx, int f)
    {
        int n = x.Length / f;
        fixed (float* pdy = dy, px = x, pdx = dx)
        {
            float* dyp = pdy, xp = px, dxp = pdx;
            KernelParallel.For(n, 8, (s, e) =>
            {
                Span<float> t = f <= 16384 ? stackalloc float[f] : new float[f];
                Span<float> u = f <= 16384 ? stackalloc float[f] : new float[f];
                Span<float> w = f <= 16384 ? stackalloc float[f] : new float[f];
                for (int i = s; i < e; i++)
                {
                    var xr = new ReadOnlySpan<float>(xp + (long)i * f, f);
                    var dyr = new ReadOnlySpan<float>(dyp + (long)i * f, f);
                    var dxr = new Span<float>(dxp + (long)i * f, f);
                    Inner(xr, t);
                    TensorPrimitives.Tanh(t, t);
                    // u = 0.5·x·√(2/π)(1 + 3c·x²)
                    TensorPrimitives.Multiply(xr, xr, u);
                    TensorPrimitives.Multiply(u, 3f * Coeff, u);
                    TensorPrimitives.Add(u, 1f, u);
                    TensorPrimitives.Multiply(u, xr, u);
                    TensorPrimitives.Multiply(u, 0.5f * Sqrt2OverPi, u);
                    // w = 1 − t²; derivative = 0.5 + 0.5t + u·w
                    TensorPrimitives.Multiply(t, t, w);
                    TensorPrimitives.Subtract(1f, w, w);
                    TensorPrimitives.Multiply(u, w, u);
                    TensorPrimitives.MultiplyAdd(t, 0.5f, u, u);
                    TensorPrimitives.Add(u, 0.5f, u);
                    TensorPrimitives.MultiplyAdd(dyr, u, dxr, dxr);
                }
            });
        }
    }

    // t = √(2/π)(x + c·x³)
    private static void Inner(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, Coeff, t);
        TensorPrimitives.Add(t, 1f, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.Multiply(t, Sqrt2OverPi, t);
    }
}
