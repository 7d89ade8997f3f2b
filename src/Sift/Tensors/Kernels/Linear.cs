using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>Fully connected layer as nn.Linear stores it: y = x·Wᵀ + b, W is [Out, In]. The GEMMs go through <see cref="IGemm"/>.</summary>
public static unsafe class Linear
{
    /// <param name="gemm">GEMM implementation.</param>
    /// <param name="x">[N, In] input.</param>
    /// <param name="w">[Out, In] weight.</param>
    /// <param name="b">[Out] bias, or empty.</param>
    /// <param name="y">[N, Out] output (overwritten).</param>
    /// <param name="n">Rows N.</param>
    /// <param name="inFeatures">In.</param>
    /// <param name="outFeatures">Out.</param>
    public static void Forward(IGemm gemm, ReadOnlySpan<float> x, ReadOnlySpan<float> w, ReadOnlySpan<float> b, Span<float> y, int n, int inFeatures, int outFeatures)
    {
        if (n == 0) return;
        gemm.Sgemm(false, true, n, outFeatures, inFeatures, 1f, x, inFeatures, w, inFeatures, 0f, y, outFeatures);
        if (!b.IsEmpty) AddBias(y, b, n, outFeatures);
    }

    /// <summary>Adds b to every row of y.</summary>
    /// <param name="y">[N, Out] added into.</param>
    /// <param name="b">[Out] bias.</param>
    /// <param name="n">Rows N.</param>
    /// <param name="outFeatures">Out.</param>
    public static void AddBias(Span<float> y, ReadOnlySpan<float> b, int n, int outFeatures)
    {
        fixed (float* py = y, pb = b)
        {
            float* yp = py, bp = pb;
            KernelParallel.For(n, 32, (s, e) =>
            {
                var bv = new ReadOnlySpan<float>(bp, outFeatures);
                for (int i = s; i < e; i++)
                {
                    var row = new Span<float>(yp + (long)i * outFeatures, outFeatures);
                    TensorPrimitives.Add(row, bv, row);
                }
            });
        }
    }

    /// <summary>dx += dy·W; dW += dyᵀ·x; db += Σ_rows dy.</summary>
    /// <param name="gemm">GEMM implementation.</param>
    /// <param name="dy">[N, Out] gradient of the output.</param>
    /// <param name="x">[N, In] forward input.</param>
    /// <param name="w">[Out, In] weight.</param>
    /// <param name="dx">[N, In] added into; empty to skip (first layer inputs need none).</param>
    /// <param name="dw">[Out, In] added into.</param>
    /// <param name="db">[Out] added into, or empty.</param>
    /// <param name="n">Rows N.</param>
    /// <param name="inFeatures">In.</param>
    /// <param name="outFeatures">Out.</param>
    public static void Backward(IGemm gemm, ReadOnlySpan<float> dy, ReadOnlySpan<float> x, ReadOnlySpan<float> w,
        Span<float> dx, Span<float> dw, Span<float> db, int n, int inFeatures, int outFeatures)
    {
        if (n == 0) return;
        if (!dx.IsEmpty) gemm.Sgemm(false, false, n, inFeatures, outFeatures, 1f, dy, outFeatures, w, inFeatures, 1f, dx, inFeatures);
        gemm.Sgemm(true, false, outFeatures, inFeatures, n, 1f, dy, outFeatures, x, inFeatures, 1f, dw, inFeatures);
        if (!db.IsEmpty) SumRows(dy, db, n, outFeatures);
    }

    /// <summary>db += Σ_rows dy, parallel over columns (the written dimension), rows in fixed order.</summary>
    /// <param name="dy">[N, Out].</param>
    /// <param name="db">[Out] added into.</param>
    /// <param name="n">Rows N.</param>
    /// <param name="outFeatures">Out.</param>
    public static void SumRows(ReadOnlySpan<float> dy, Span<float> db, int n, int outFeatures)
    {
        fixed (float* pdy = dy, pdb = db)
        {
            float* dyp = pdy, dbp = pdb;
            KernelParallel.For(outFeatures, 256, (s, e) =>
            {
                var acc = new Span<float>(dbp + s, e - s);
                for (int i = 0; i < n; i++)
                {
                    TensorPrimitives.Add(acc, new ReadOnlySpan<float>(dyp + (long)i * outFeatures + s, e - s), acc);
                }
            });
        }
    }
}
