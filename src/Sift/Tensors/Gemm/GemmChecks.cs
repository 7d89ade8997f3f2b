namespace Sift.Tensors;

/// <summary>Argument checks shared by the GEMM implementations: shapes, strides and span lengths.</summary>
internal static class GemmChecks
{
    /// <summary>Throws a clear error when a span is too short for the shape and stride it is read with.</summary>
    public static void Validate(bool transA, bool transB, int m, int n, int k,
        int aLength, int lda, int bLength, int ldb, int cLength, int ldc)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        int aRows = transA ? k : m, aCols = transA ? m : k;
        int bRows = transB ? n : k, bCols = transB ? k : n;
        Check("A", aRows, aCols, aLength, lda);
        Check("B", bRows, bCols, bLength, ldb);
        Check("C", m, n, cLength, ldc);
    }

    private static void Check(string name, int rows, int cols, int length, int ld)
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        if (ld < cols)
        {
            throw new ArgumentException($"GEMM: leading dimension of {name} is {ld}, smaller than its {cols} columns.");
        }

        long needed = (long)(rows - 1) * ld + cols;
        if (length < needed)
        {
            throw new ArgumentException($"GEMM: {name} [{rows}, {cols}] with stride {ld} needs {needed} floats but the span has {length}.");
        }
    }
}
