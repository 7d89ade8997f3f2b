using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>
/// Σ x² over a large flat buffer (for global-norm gradient clipping) with a result that does not
/// depend on the thread count: fixed 64K-element chunks each summed in float, then the chunk sums
/// added in order in double.
/// </summary>
public static unsafe class SumOfSquares
{
    private const int Chunk = 1 << 16;

    /// <summary>Number of partial sums <see cref="Compute"/> needs for <paramref name="length"/> floats.</summary>
    public static int PartialCount(int length) => (length + Chunk - 1) / Chunk;

    /// <param name="x">[P] values.</param>
    /// <param name="partials">[PartialCount(P)] scratch.</param>
    public static double Compute(ReadOnlySpan<float> x, Span<double> partials)
    {
        int n = x.Length;
        int chunks = PartialCount(n);
        if (partials.Length < chunks) throw new ArgumentException("SumOfSquares.Compute: partials too small");
        fixed (float* px = x)
        fixed (double* pp = partials)
        {
            float* xp = px;
            double* part = pp;
            KernelParallel.For(chunks, 1, (s, e) =>
            {
                for (int c = s; c < e; c++)
                {
                    int start = c * Chunk;
                    int len = Math.Min(Chunk, n - start);
                    part[c] = TensorPrimitives.SumOfSquares(new ReadOnlySpan<float>(xp + start, len));
                }
            });
        }
        double total = 0;
        for (int c = 0; c < chunks; c++) total += partials[c];
        return total;
    }
}
