using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>LayerNorm (Ba et al. 2016): y = (x − mean)/sqrt(var + eps)·w + b, biased variance.</summary>
public static unsafe class LayerNorm
{
    /// <param name="x">[N, C] input.</param>
    /// <param name="w">[C] gain.</param>
    /// <param name="b">[C] bias.</param>
    /// <param name="y">[N, C] output.</param>
    /// <param name="mean">[N] saved mean.</param>
    /// <param name="rstd">[N] saved 1/std.</param>
    /// <param name="c">Width C.</param>
    /// <param name="eps">Added to the variance.</param>
    public static void Forward(ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y, Span<float> mean, Span<float> rstd, int c, float eps)
    {
        int n = x.Length / c;
        if (y.Length < n * c || rstd.Length < n || mean.Length < n || w.Length < c || b.Length < c) throw new ArgumentException("LayerNorm.Forward: buffer too small");
        fixed (float* px = x, pw = w, pb = b, py = y, pm = mean, pr = rstd)
        {
            float* xp = px, wp = pw, bp = pb, yp = py, mp = pm, rp = pr;
            KernelParallel.For(n, 16, (s, e) =>
            {
                var wv = new ReadOnlySpan<float>(wp, c);
                var bv = new ReadOnlySpan<float>(bp, c);
                for (int i = s; i < e; i++)
                {
                    var xr = new ReadOnlySpan<float>(xp + (long)i * c, c);
                    var yr = new Span<float>(yp + (long)i * c, c);
                    float m = TensorPrimitives.Sum(xr) / c;
                    TensorPrimitives.Subtract(xr, m, yr);
                    float r = 1f / MathF.Sqrt(TensorPrimitives.SumOfSquares(yr) / c + eps);
                    mp[i] = m;
                    rp[i] = r;
                    TensorPrimitives.Multiply(yr, r, yr);
                    TensorPrimitives.FusedMultiplyAdd(yr, wv, bv, yr);
                }
            });
        }
    }

    /// <summary>dx += rstd·(dn − mean(dn) − x̂·mean(dn·x̂)) with dn = dy·w; dw += Σ dy·x̂; db += Σ dy.</summary>
    /// <param name="dy">[N, C] gradient of the output.</param>
    /// <param name="x">[N, C] forward input.</param>
    /// <param name="w">[C] gain.</param>
    /// <param name="mean">[N] saved by forward.</param>
    /// <param name="rstd">[N] saved by forward.</param>
    /// <param name="dx">[N, C] added into.</param>
    /// <param name="dw">[C] added into.</param>
    /// <param name="db">[C] added into.</param>
    /// <param name="c">Width C.</param>
    public static void Backward(ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> mean, ReadOnlySpan<float> rstd,
        Span<float> dx, Span<float> dw, Span<float> db, int c)
    {
        int n = x.Length / c;
        fixed (float* pdy = dy, px = x, pw = w, pm = mean, pr = rstd, pdx = dx, pdw = dw, pdb = db)
        {
            float* dyp = pdy, xp = px, wp = pw, mp = pm, rp = pr, dxp = pdx, dwp = pdw, dbp = pdb;
            KernelParallel.For(n, 8, (s, e) =>
            {
                Span<float> dn = c <= 8192 ? stackalloc float[c] : new float[c];
                Span<float> xh = c <= 8192 ? stackalloc float[c] : new float[c];
                var wv = new ReadOnlySpan<float>(wp, c);
                for (int i = s; i < e; i++)
                {
                    var xr = new ReadOnlySpan<float>(xp + (long)i * c, c);
                    var dyr = new ReadOnlySpan<float>(dyp + (long)i * c, c);
                    var dxr = new Span<float>(dxp + (long)i * c, c);
                    float r = rp[i];
                    TensorPrimitives.Subtract(xr, mp[i], xh);
                    TensorPrimitives.Multiply(xh, r, xh);
                    TensorPrimitives.Multiply(dyr, wv, dn);
                    float meanDn = TensorPrimitives.Sum(dn) / c;
                    float meanDnXh = TensorPrimitives.Dot(dn, xh) / c;
                    TensorPrimitives.Subtract(dn, meanDn, dn);
                    TensorPrimitives.MultiplyAdd(xh, -meanDnXh, dn, dn);
                    TensorPrimitives.MultiplyAdd(dn, r, dxr, dxr);
                }
            });
            KernelParallel.For(c, 64, (s, e) =>
            {
                int len = e - s;
                Span<float> xh = len <= 8192 ? stackalloc float[len] : new float[len];
                var dwr = new Span<float>(dwp + s, len);
                var dbr = new Span<float>(dbp + s, len);
                for (int i = 0; i < n; i++)
                {
                    var dyr = new ReadOnlySpan<float>(dyp + (long)i * c + s, len);
                    TensorPrimitives.Subtract(new ReadOnlySpan<float>(xp + (long)i * c + s, len), mp[i], xh);
                    TensorPrimitives.Multiply(xh, rp[i], xh);
                    TensorPrimitives.MultiplyAdd(dyr, xh, dwr, dwr);
                    TensorPrimitives.Add(dbr, dyr, dbr);
                }
            });
        }
    }
}
