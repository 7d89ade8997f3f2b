using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sift.Tensors;

// The eight rows below repeat one pattern; keep them in step when editing.

/// <summary>
/// The register-blocked SGEMM micro-kernels: an R×32 tile of C (R ≤ 8 rows, two Vector512 per row: 16 accumulators)
/// accumulates in registers over one K block of packed A (stride <see cref="GemmLayout.MR"/> per k) and
/// packed B (32 per k). R is a type parameter so the JIT compiles one specialised kernel per row count
/// with the unused accumulators removed. Each C element's sum is one FMA chain in k order, whatever R,
/// so every kernel and the scalar edge path give bit-identical results (BLIS, Van Zee and van de Geijn 2015).
/// </summary>
internal static unsafe class GemmKernel512
{
    /// <summary>Tile R×32: c[r, 0..32) = store(Σ_p a[p·MR + r] · b[p·32 + 0..32]) (see <see cref="GemmStore"/>).</summary>
    /// <param name="kc">Length of the K block.</param>
    /// <param name="a">Packed A panel [kc, MR] (only the first R rows are read).</param>
    /// <param name="b">Packed B panel [kc, 32].</param>
    /// <param name="c">C tile [R, ldc≥32].</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Kernel<TR>(int kc, float* a, float* b, float* c, nint ldc, float alpha, float beta, int mode)
        where TR : struct, IGemmRows
    {
        Vector512<float> c00 = default, c01 = default;
        Vector512<float> c10 = default, c11 = default;
        Vector512<float> c20 = default, c21 = default;
        Vector512<float> c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default;
        Vector512<float> c50 = default, c51 = default;
        Vector512<float> c60 = default, c61 = default;
        Vector512<float> c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.Load(b);
            Vector512<float> b1 = Vector512.Load(b + 16);
            { Vector512<float> a0 = Vector512.Create(a[0]); c00 = Vector512.FusedMultiplyAdd(a0, b0, c00); c01 = Vector512.FusedMultiplyAdd(a0, b1, c01); }
            if (TR.Count > 1) { Vector512<float> a1 = Vector512.Create(a[1]); c10 = Vector512.FusedMultiplyAdd(a1, b0, c10); c11 = Vector512.FusedMultiplyAdd(a1, b1, c11); }
            if (TR.Count > 2) { Vector512<float> a2 = Vector512.Create(a[2]); c20 = Vector512.FusedMultiplyAdd(a2, b0, c20); c21 = Vector512.FusedMultiplyAdd(a2, b1, c21); }
            if (TR.Count > 3) { Vector512<float> a3 = Vector512.Create(a[3]); c30 = Vector512.FusedMultiplyAdd(a3, b0, c30); c31 = Vector512.FusedMultiplyAdd(a3, b1, c31); }
            if (TR.Count > 4) { Vector512<float> a4 = Vector512.Create(a[4]); c40 = Vector512.FusedMultiplyAdd(a4, b0, c40); c41 = Vector512.FusedMultiplyAdd(a4, b1, c41); }
            if (TR.Count > 5) { Vector512<float> a5 = Vector512.Create(a[5]); c50 = Vector512.FusedMultiplyAdd(a5, b0, c50); c51 = Vector512.FusedMultiplyAdd(a5, b1, c51); }
            if (TR.Count > 6) { Vector512<float> a6 = Vector512.Create(a[6]); c60 = Vector512.FusedMultiplyAdd(a6, b0, c60); c61 = Vector512.FusedMultiplyAdd(a6, b1, c61); }
            if (TR.Count > 7) { Vector512<float> a7 = Vector512.Create(a[7]); c70 = Vector512.FusedMultiplyAdd(a7, b0, c70); c71 = Vector512.FusedMultiplyAdd(a7, b1, c71); }
            a += GemmLayout.MR;
            b += GemmLayout.NR;
        }

        GemmStore.Row512(c + 0 * ldc, c00, c01, alpha, beta, mode);
        if (TR.Count > 1) GemmStore.Row512(c + 1 * ldc, c10, c11, alpha, beta, mode);
        if (TR.Count > 2) GemmStore.Row512(c + 2 * ldc, c20, c21, alpha, beta, mode);
        if (TR.Count > 3) GemmStore.Row512(c + 3 * ldc, c30, c31, alpha, beta, mode);
        if (TR.Count > 4) GemmStore.Row512(c + 4 * ldc, c40, c41, alpha, beta, mode);
        if (TR.Count > 5) GemmStore.Row512(c + 5 * ldc, c50, c51, alpha, beta, mode);
        if (TR.Count > 6) GemmStore.Row512(c + 6 * ldc, c60, c61, alpha, beta, mode);
        if (TR.Count > 7) GemmStore.Row512(c + 7 * ldc, c70, c71, alpha, beta, mode);
    }
}
