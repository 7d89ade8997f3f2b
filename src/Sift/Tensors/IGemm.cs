namespace Sift.Tensors;

/// <summary>
/// Single-precision general matrix multiply on row-major storage:
/// C = alpha · op(A) · op(B) + beta · C, where op(X) is X or Xᵀ.
/// This is the one hot spot of training and sampling; implementations are selected by
/// <see cref="GemmFactory"/>.
/// </summary>
public interface IGemm
{
    /// <summary>Short name for logs and benchmarks ("naive", "managed", "openblas").</summary>
    string Name { get; }

    /// <param name="transA">When true op(A) = Aᵀ and A is stored [k, lda≥m]; else A is [m, lda≥k].</param>
    /// <param name="transB">When true op(B) = Bᵀ and B is stored [n, ldb≥k]; else B is [k, ldb≥n].</param>
    /// <param name="m">Rows of C and of op(A).</param>
    /// <param name="n">Columns of C and of op(B).</param>
    /// <param name="k">Columns of op(A), rows of op(B) (the summed dimension).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Row stride of A in elements.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Row stride of B in elements.</param>
    /// <param name="beta">Scale of the existing C; 0 means C is overwritten (its old contents, even NaN, are ignored).</param>
    /// <param name="c">C [m, ldc≥n], row-major.</param>
    /// <param name="ldc">Row stride of C in elements.</param>
    void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc);
}
