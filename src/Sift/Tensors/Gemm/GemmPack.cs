using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sift.Tensors;

/// <summary>
/// Packs blocks of op(A) and op(B) into the contiguous panel layout the micro-kernels stream:
/// A as MR-row panels [kc, MR], B as NR-column panels [kc, NR], zero-padded at the edges so the
/// kernels never branch on shape. The vector copies assume MR = 8 (one Vector256) and NR = 32.
/// </summary>
internal static unsafe class GemmPack
{
    /// <summary>Packs op(A)[i0..i0+mc, p0..p0+kc) into <paramref name="dst"/> (⌈mc/MR⌉ panels of [kc, MR]).</summary>
    /// <param name="a">A: [m, lda] when not transposed, [k, lda] when transposed.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA(bool transA, float* a, nint lda, int i0, int mc, int p0, int kc, float* dst)
    {
        const int MR = GemmLayout.MR;
        if (transA)
        {
            // op(A)[i, p] = a[p, i]: walk A's rows once (each k step is mc contiguous floats), scattering
            // MR-float pieces into the panels; a panel-by-panel walk would re-read every row per panel.
            int fullPanels = mc / MR;
            int tail = mc - fullPanels * MR;
            for (int p = 0; p < kc; p++)
            {
                float* src = a + (nint)(p0 + p) * lda + i0;
                if (p + PrefetchRowsAhead < kc)
                {
                    PrefetchRow(src + PrefetchRowsAhead * lda, mc);
                }

                float* d = dst + (nint)p * MR;
                for (int q = 0; q < fullPanels; q++)
                {
                    Vector256.Store(Vector256.Load(src + q * MR), d + (nint)q * MR * kc);
                }

                if (tail > 0)
                {
                    float* dt = d + (nint)fullPanels * MR * kc;
                    float* st = src + fullPanels * MR;
                    for (int ii = 0; ii < MR; ii++)
                    {
                        dt[ii] = ii < tail ? st[ii] : 0f;
                    }
                }
            }

            return;
        }

        for (int r0 = 0; r0 < mc; r0 += MR)
        {
            int rows = Math.Min(MR, mc - r0);
            float* d = dst + (nint)r0 * kc;
            if (rows == MR)
            {
                PackRows8Transposed(a + (nint)(i0 + r0) * lda + p0, lda, kc, d);
            }
            else
            {
                for (int ii = 0; ii < MR; ii++)
                {
                    if (ii < rows)
                    {
                        float* src = a + (nint)(i0 + r0 + ii) * lda + p0;
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * MR + ii] = src[p];
                        }
                    }
                    else
                    {
                        for (int p = 0; p < kc; p++)
                        {
                            d[p * MR + ii] = 0;
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[p0..p0+kc, j0..j0+nc) into <paramref name="dst"/> (⌈nc/NR⌉ panels of [kc, NR]).</summary>
    /// <param name="b">B: [k, ldb] when not transposed, [n, ldb] when transposed.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB(bool transB, float* b, nint ldb, int p0, int kc, int j0, int nc, float* dst)
    {
        const int NR = GemmLayout.NR;
        if (!transB)
        {
            // op(B)[p, j] = b[p, j]: walk B's rows once (each k step is nc contiguous floats), copying
            // NR-float pieces into the panels; a panel-by-panel walk would re-read every row per panel.
            int fullPanels = nc / NR;
            int tail = nc - fullPanels * NR;
            for (int p = 0; p < kc; p++)
            {
                float* src = b + (nint)(p0 + p) * ldb + j0;
                float* d = dst + (nint)p * NR;
                for (int q = 0; q < fullPanels; q++)
                {
                    float* s = src + q * NR;
                    float* dq = d + (nint)q * NR * kc;
                    Vector256.Store(Vector256.Load(s), dq);
                    Vector256.Store(Vector256.Load(s + 8), dq + 8);
                    Vector256.Store(Vector256.Load(s + 16), dq + 16);
                    Vector256.Store(Vector256.Load(s + 24), dq + 24);
                }

                if (tail > 0)
                {
                    float* dt = d + (nint)fullPanels * NR * kc;
                    float* st = src + fullPanels * NR;
                    for (int jj = 0; jj < NR; jj++)
                    {
                        dt[jj] = jj < tail ? st[jj] : 0f;
                    }
                }
            }

            return;
        }

        for (int c0 = 0; c0 < nc; c0 += NR)
        {
            int cols = Math.Min(NR, nc - c0);
            float* d = dst + (nint)c0 * kc;

            // op(B)[p, j] = b[j, p]: a transpose of NR rows of b, each read contiguously.
            int jj = 0;
            for (; jj + 8 <= cols; jj += 8)
            {
                PackRows8Transposed(b + (nint)(j0 + c0 + jj) * ldb + p0, ldb, kc, d + jj, NR);
            }

            for (; jj < NR; jj++)
            {
                if (jj < cols)
                {
                    float* src = b + (nint)(j0 + c0 + jj) * ldb + p0;
                    for (int p = 0; p < kc; p++)
                    {
                        d[p * NR + jj] = src[p];
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        d[p * NR + jj] = 0;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Prefetches the source of op(B)[0..k, j0..j0+nc) (the next panel of a small-m call) so that its
    /// memory reads overlap the micro-kernels of the current panel instead of following them.
    /// </summary>
    public static void PrefetchB(bool transB, float* b, nint ldb, int k, int j0, int nc)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        if (transB)
        {
            for (int j = 0; j < nc; j++)
            {
                PrefetchRow(b + (j0 + j) * ldb, k);
            }
        }
        else
        {
            for (int p = 0; p < k; p++)
            {
                PrefetchRow(b + p * ldb + j0, nc);
            }
        }
    }

    /// <summary>How many rows ahead the row-outer packs prefetch: rows far apart in memory (a transposed
    /// A with a long leading dimension) defeat the hardware prefetchers, measured 8% slower without this.</summary>
    private const int PrefetchRowsAhead = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PrefetchRow(float* row, int floats)
    {
        if (Sse.IsSupported)
        {
            for (int f = 0; f < floats; f += 16)
            {
                Sse.Prefetch0(row + f);
            }
        }
    }

    /// <summary>dst[p·dstStride + r] = src[r·ld + p] for 8 rows r and p &lt; kc: 8×8 register transposes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRows8Transposed(float* src, nint ld, int kc, float* dst, int dstStride = 8)
    {
        int p = 0;
        for (; p + 8 <= kc; p += 8)
        {
            Vector256<float> r0 = Vector256.Load(src + p);
            Vector256<float> r1 = Vector256.Load(src + ld + p);
            Vector256<float> r2 = Vector256.Load(src + 2 * ld + p);
            Vector256<float> r3 = Vector256.Load(src + 3 * ld + p);
            Vector256<float> r4 = Vector256.Load(src + 4 * ld + p);
            Vector256<float> r5 = Vector256.Load(src + 5 * ld + p);
            Vector256<float> r6 = Vector256.Load(src + 6 * ld + p);
            Vector256<float> r7 = Vector256.Load(src + 7 * ld + p);
            GemmTranspose.Transpose8x8(ref r0, ref r1, ref r2, ref r3, ref r4, ref r5, ref r6, ref r7);
            float* d = dst + (nint)p * dstStride;
            Vector256.Store(r0, d);
            Vector256.Store(r1, d + dstStride);
            Vector256.Store(r2, d + 2 * dstStride);
            Vector256.Store(r3, d + 3 * dstStride);
            Vector256.Store(r4, d + 4 * dstStride);
            Vector256.Store(r5, d + 5 * dstStride);
            Vector256.Store(r6, d + 6 * dstStride);
            Vector256.Store(r7, d + 7 * dstStride);
        }

        for (; p < kc; p++)
        {
            float* d = dst + (nint)p * dstStride;
            for (int r = 0; r < 8; r++)
            {
                d[r] = src[r * ld + p];
            }
        }
    }
}
