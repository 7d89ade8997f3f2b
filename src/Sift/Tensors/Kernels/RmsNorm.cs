using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>RMSNorm (Zhang &amp; Sennrich 2019): y = x / sqrt(mean(x²) + eps) · w.</summary>
public static unsafe class RmsNorm
{
    /// <param name="x">[N, C] input.</param>
    /// <param name="w">[C] gain.</param>
    /// <param name="y">[N, C] output.</param>
    /// <param name="rstd">[N] saved 1/rms for backward.</param>
    /// <param name="c">Width C.</param>
    /// <param name="eps">Added to mean(x²).</param>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, Span<float> y, Span<float> rstd, int c, float eps)
    {
        int n = x.Length / c;
        if (y.Length < n * c || rstd.Length < n || w.Length < c) throw new ArgumentException("RmsNorm.Forward: buffer too small");
        fixed (float* px = x, pw = w, py = y, pr = rstd)
        {
            float* xp = px, wp = pw, yp = py, rp = pr;
            KernelParallel.For(n, 16, (s, e) =>
            {
                var wv = new ReadOnlySpan<float>(wp, c);
                for (int i = s; i < e; i++)
                {
                    var xr = new ReadOnlySpan<float>(xp + (long)i * c, c);
                    var yr = new Span<float>(yp + (long)i * c, c);
                    float r = 1f / MathF.Sqrt(TensorPrimitives.SumOfSquares(xr) / c + eps);
                    rp[i] = r;
                    TensorPrimitives.Multiply(xr, r, yr);
                    TensorPrimitives.Multiply(yr, wv, yr);
                }
            });
        }
    }

    /// <summary>dx += rstd·(dy·w − x̂·mean(dy·w·x̂)); dw += Σ_rows dy·x̂.</summary>
    /// <param name="dy">[N, C] gradient of the output.</param>
    /// <param name="x">[N, C] forward input.</param>
    /// <param name="w">[C] gain.</param>
    /// <param name="rstd">[N] saved by forward.</param>
    /// <param name="dx">[N, C] added into.</param>
    /// <param name="dw">[C] added into.</param>
    /// <param name="c">Width C.</param>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> rstd, Span<float> dx, Span<float> dw, int c)
    {
        int n = x.Length / c;
        fixed (float* pdy = dy, px = x, pw = w, pr = rstd, pdx = dx, pdw = dw)
        {
            float* dyp = pdy, xp = px, wp = pw, rp = pr, dxp = pdx, dwp = pdw;
            KernelParallel.For(n, 8, (s, e) =>
            {
                Span<float> tmp = c <= 8192 ? stackalloc float[c] : new float[c];
                var wv = new ReadOnlySpan<float>(wp, c);
                for (int i = s; i < e; i++)
                {
                    var xr = new ReadOnlySpan<float>(xp + (long)i * c, c);
                    var dyr = new ReadOnlySpan<float>(dyp + (long)i * c, c);
                    var dxr = new Span<float>(dxp + (long)i * c, c);
                    float r = rp[i];
                    TensorPrimitives.Multiply(dyr, wv, tmp);                 // dnorm = dy·w
                    float dot = TensorPrimitives.Dot(tmp, xr) * r / c;       // mean(dnorm·x̂)
                    // dx += r·dnorm − r·x̂·dot = r·dnorm − (r²·dot)·x
                    TensorPrimitives.Multiply(tmp, r, tmp);
                    TensorPrimitives.MultiplyAdd(xr, -r * r * dot, tmp, tmp);
                    TensorPrimitives.Add(dxr, tmp, dxr);
                }
            });
            // dw: parallel over columns (the written dimension), rows summed in a fixed order.
            KernelParallel.For(c, 64, (s, e) =>
            {
                int len = e - s;
                Span<float> xh = len <= 8192 ? stackalloc float[len] : new float[len];
                var dwr = new Span<float>(dwp + s, len);
                for (int i = 0; i < n; i++)
                {
                    TensorPrimitives.Multiply(new ReadOnlySpan<float>(xp + (long)i * c + s, len), rp[i], xh);
                    TensorPrimitives.MultiplyAdd(new ReadOnlySpan<float>(dyp + (long)i * c + s, len), xh, dwr, dwr);
                }
            });
        }
    }
}
