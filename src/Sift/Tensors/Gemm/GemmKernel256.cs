using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sift.Tensors;

/// <summary>
/// The Vector256 micro-kernels for CPUs without AVX-512: an R×16 tile (R ≤ 6, two Vector256 per row,
/// the classic Haswell 6×16 shape that fits 16 registers), run twice per 32-wide packed B panel.
/// Same packing and the same per-element FMA chain as <see cref="GemmKernel512"/>, so both give
/// bit-identical results.
/// </summary>
internal static unsafe class GemmKernel256
{
    /// <summary>Tile R×16: c[r, 0..16) = store(Σ_p a[p·MR + r] · b[p·32 + 0..16]) (see <see cref="GemmStore"/>).</summary>
    /// <param name="kc">Length of the K block.</param>
    /// <param name="a">Packed A panel [kc, MR] (only the first R rows are read).</param>
    /// <param name="b">Packed B panel [kc, 32], offset to the 16 columns this call computes.</param>
    /// <param name="c">C tile [R, ldc≥16].</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel<TR>(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta, int mode)
        where TR : struct, IGemmRows
    {
        Vector256<float> c00 = default, c01 = default;
        Vector256<float> c10 = default, c11 = default;
        Vector256<float> c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default;
        Vector256<float> c40 = default, c41 = default;
        Vector256<float> c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.Load(b);
            Vector256<float> b1 = Vector256.Load(b + 8);
            { Vector256<float> a0 = Vector256.Create(a[0]); c00 = Vector256.FusedMultiplyAdd(a0, b0, c00); c01 = Vector256.FusedMultiplyAdd(a0, b1, c01); }
            if (TR.Count > 1) { Vector256<float> a1 = Vector256.Create(a[1]); c10 = Vector256.FusedMultiplyAdd(a1, b0, c10); c11 = Vector256.FusedMultiplyAdd(a1, b1, c11); }
            if (TR.Count > 2) { Vector256<float> a2 = Vector256.Create(a[2]); c20 = Vector256.FusedMultiplyAdd(a2, b0, c20); c21 = Vector256.FusedMultiplyAdd(a2, b1, c21); }
            if (TR.Count > 3) { Vector256<float> a3 = Vector256.Create(a[3]); c30 = Vector256.FusedMultiplyAdd(a3, b0, c30); c31 = Vector256.FusedMultiplyAdd(a3, b1, c31); }
            if (TR.Count > 4) { Vector256<float> a4 = Vector256.Create(a[4]); c40 = Vector256.FusedMultiplyAdd(a4, b0, c40); c41 = Vector256.FusedMultiplyAdd(a4, b1, c41); }
            if (TR.Count > 5) { Vector256<float> a5 = Vector256.Create(a[5]); c50 = Vector256.FusedMultiplyAdd(a5, b0, c50); c51 = Vector256.FusedMultiplyAdd(a5, b1, c51); }
            a += GemmLayout.MR;
            b += GemmLayout.NR;
        }

        GemmStore.Row256(c + 0 * ldc, c00, c01, alpha, beta, mode);
        if (TR.Count > 1) GemmStore.Row256(c + 1 * ldc, c10, c11, alpha, beta, mode);
        if (TR.Count > 2) GemmStore.Row256(c + 2 * ldc, c20, c21, alpha, beta, mode);
        if (TR.Count > 3) GemmStore.Row256(c + 3 * ldc, c30, c31, alpha, beta, mode);
        if (TR.Count > 4) GemmStore.Row256(c + 4 * ldc, c40, c41, alpha, beta, mode);
        if (TR.Count > 5) GemmStore.Row256(c + 5 * ldc, c50, c51, alpha, beta, mode);
    }
}
