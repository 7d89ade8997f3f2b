using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sift.Tensors;

/// <summary>
/// How a K block's accumulated sum reaches C. Mode <see cref="Overwrite"/> (first block, beta = 0):
/// C = alpha·acc, the old C is never read (so NaN there is ignored). <see cref="ScaleAndAdd"/> (first
/// block, beta ≠ 0): C = fma(acc, alpha, beta·C). <see cref="Accumulate"/> (later blocks):
/// C = fma(acc, alpha, C). The vector and scalar forms round identically.
/// </summary>
internal static unsafe class GemmStore
{
    public const int Overwrite = 0;
    public const int ScaleAndAdd = 1;
    public const int Accumulate = 2;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row512(float* c, Vector512<float> acc0, Vector512<float> acc1, float alpha, float beta, int mode)
    {
        Vector512<float> va = Vector512.Create(alpha);
        if (mode == Overwrite)
        {
            Vector512.Store(acc0 * va, c);
            Vector512.Store(acc1 * va, c + 16);
        }
        else
        {
            Vector512<float> old0 = Vector512.Load(c), old1 = Vector512.Load(c + 16);
            if (mode == ScaleAndAdd)
            {
                Vector512<float> vb = Vector512.Create(beta);
                old0 *= vb;
                old1 *= vb;
            }

            Vector512.Store(Vector512.FusedMultiplyAdd(acc0, va, old0), c);
            Vector512.Store(Vector512.FusedMultiplyAdd(acc1, va, old1), c + 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row256(float* c, Vector256<float> acc0, Vector256<float> acc1, float alpha, float beta, int mode)
    {
        Vector256<float> va = Vector256.Create(alpha);
        if (mode == Overwrite)
        {
            Vector256.Store(acc0 * va, c);
            Vector256.Store(acc1 * va, c + 8);
        }
        else
        {
            Vector256<float> old0 = Vector256.Load(c), old1 = Vector256.Load(c + 8);
            if (mode == ScaleAndAdd)
            {
                Vector256<float> vb = Vector256.Create(beta);
                old0 *= vb;
                old1 *= vb;
            }

            Vector256.Store(Vector256.FusedMultiplyAdd(acc0, va, old0), c);
            Vector256.Store(Vector256.FusedMultiplyAdd(acc1, va, old1), c + 8);
        }
    }

    /// <summary>Scalar twin of the row stores, for edge tiles computed into a scratch tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Scalar(float* c, float acc, float alpha, float beta, int mode)
    {
        *c = mode switch
        {
            Overwrite => acc * alpha,
            ScaleAndAdd => MathF.FusedMultiplyAdd(acc, alpha, beta * *c),
            _ => MathF.FusedMultiplyAdd(acc, alpha, *c),
        };
    }
}
