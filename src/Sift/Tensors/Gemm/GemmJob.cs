using System.Runtime.CompilerServices;

namespace Sift.Tensors;

/// <summary>
/// One SGEMM call of <see cref="ManagedGemm"/>: the operands as pointers (spans cannot cross into
/// Parallel.For) and the blocked loop nest that computes a rectangle of C with a rented workspace.
/// </summary>
internal readonly unsafe struct GemmJob(bool transA, bool transB, int m, int n, int k, float alpha,
    float* a, nint lda, float* b, nint ldb, float beta, float* c, nint ldc, bool useVector512)
{
    private static readonly bool PrefetchNextPanel = Environment.GetEnvironmentVariable("SIFT_GEMM_PREFETCH") != "0";

    public int M => m;

    public int N => n;

    /// <summary>Computes C[i0..i1, j0..j1): loops NC → KC (pack B) → MC (pack A) → NR → MR (micro-kernel).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Run(int i0, int i1, int j0, int j1)
    {
        GemmWorkspace ws = GemmWorkspace.Rent();
        try
        {
            int kBlocks = GemmLayout.KBlockCount(k);
            int mcMax = GemmLayout.McMax / GemmLayout.MR * GemmLayout.MR;
            if (i1 - i0 <= mcMax)
            {
                RunSingleRowBlock(ws, i0, i1, j0, j1, kBlocks);
                return;
            }

            for (int jc = j0; jc < j1; jc += GemmLayout.NcMax)
            {
                int nc = Math.Min(GemmLayout.NcMax, j1 - jc);
                for (int kb = 0; kb < kBlocks; kb++)
                {
                    (int p0, int kc) = GemmLayout.KBlock(k, kb);
                    int mode = kb > 0 ? GemmStore.Accumulate : beta == 0f ? GemmStore.Overwrite : GemmStore.ScaleAndAdd;
                    GemmPack.PackB(transB, b, ldb, p0, kc, jc, nc, ws.B);
                    for (int ic = i0; ic < i1; ic += mcMax)
                    {
                        int mc = Math.Min(mcMax, i1 - ic);
                        GemmPack.PackA(transA, a, lda, ic, mc, p0, kc, ws.A);
                        MacroKernel(ws.A, ws.B, ws.Tile, kc, mc, nc, c + ic * ldc + jc, mode);
                    }
                }
            }
        }
        finally
        {
            GemmWorkspace.Return(ws);
        }
    }

    /// <summary>
    /// The band's rows fit one packed A block, so each packed B panel is used once: pack it right before
    /// its micro-kernels, while it is in L1, instead of packing a whole KC×NC block first (small-m and
    /// GEMV-like calls, e.g. sampling logits, are bound by this traffic). When all of op(A)'s K blocks fit
    /// the A buffer, the K loop goes inside the panel loop, so each panel of B is read from memory in one
    /// contiguous sweep. Same arithmetic as the blocked path: K blocks still reach C in order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunSingleRowBlock(GemmWorkspace ws, int i0, int i1, int j0, int j1, int kBlocks)
    {
        int mc = i1 - i0;
        int mcPadded = (mc + GemmLayout.MR - 1) / GemmLayout.MR * GemmLayout.MR;
        if ((long)mcPadded * k <= ws.AFloats)
        {
            for (int kb = 0; kb < kBlocks; kb++)
            {
                (int p0, int kc) = GemmLayout.KBlock(k, kb);
                GemmPack.PackA(transA, a, lda, i0, mc, p0, kc, ws.A + (nint)mcPadded * p0);
            }

            for (int jc = j0; jc < j1; jc += GemmLayout.NR)
            {
                int nr = Math.Min(GemmLayout.NR, j1 - jc);
                if (PrefetchNextPanel && jc + GemmLayout.NR < j1)
                {
                    GemmPack.PrefetchB(transB, b, ldb, k, jc + GemmLayout.NR, Math.Min(GemmLayout.NR, j1 - jc - GemmLayout.NR));
                }

                for (int kb = 0; kb < kBlocks; kb++)
                {
                    (int p0, int kc) = GemmLayout.KBlock(k, kb);
                    int mode = kb > 0 ? GemmStore.Accumulate : beta == 0f ? GemmStore.Overwrite : GemmStore.ScaleAndAdd;
                    GemmPack.PackB(transB, b, ldb, p0, kc, jc, nr, ws.B);
                    MacroKernel(ws.A + (nint)mcPadded * p0, ws.B, ws.Tile, kc, mc, nr, c + i0 * ldc + jc, mode);
                }
            }

            return;
        }

        for (int kb = 0; kb < kBlocks; kb++)
        {
            (int p0, int kc) = GemmLayout.KBlock(k, kb);
            int mode = kb > 0 ? GemmStore.Accumulate : beta == 0f ? GemmStore.Overwrite : GemmStore.ScaleAndAdd;
            GemmPack.PackA(transA, a, lda, i0, mc, p0, kc, ws.A);
            for (int jc = j0; jc < j1; jc += GemmLayout.NR)
            {
                int nr = Math.Min(GemmLayout.NR, j1 - jc);
                GemmPack.PackB(transB, b, ldb, p0, kc, jc, nr, ws.B);
                MacroKernel(ws.A, ws.B, ws.Tile, kc, mc, nr, c + i0 * ldc + jc, mode);
            }
        }
    }

    /// <summary>All micro-tiles of one packed MC×KC by KC×NC product; B micro-panel outer so it stays in L1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MacroKernel(float* packedA, float* packedB, float* tile, int kc, int mc, int nc, float* cBlock, int mode)
    {
        const int MR = GemmLayout.MR, NR = GemmLayout.NR;
        for (int c0 = 0; c0 < nc; c0 += NR)
        {
            int cols = Math.Min(NR, nc - c0);
            float* bp = packedB + (nint)c0 * kc;
            for (int r0 = 0; r0 < mc; r0 += MR)
            {
                int rows = Math.Min(MR, mc - r0);
                float* ap = packedA + (nint)r0 * kc;
                float* ct = cBlock + r0 * ldc + c0;
                if (cols == NR)
                {
                    Tile(kc, ap, bp, ct, ldc, rows, alpha, beta, mode);
                }
                else
                {
                    // Right edge: the full-width kernel writes the raw sums to scratch (alpha = 1 is exact),
                    // then the scalar twin of the store applies alpha/beta to the valid columns.
                    Tile(kc, ap, bp, tile, NR, rows, 1f, 0f, GemmStore.Overwrite);
                    for (int r = 0; r < rows; r++)
                    {
                        for (int j = 0; j < cols; j++)
                        {
                            GemmStore.Scalar(ct + r * ldc + j, tile[r * NR + j], alpha, beta, mode);
                        }
                    }
                }
            }
        }
    }

    /// <summary>A rows×NR tile (rows ≤ MR) with the widest kernels that fit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Tile(int kc, float* ap, float* bp, float* ct, nint ldct, int rows, float alpha, float beta, int mode)
    {
        if (useVector512)
        {
            if (rows == GemmLayout.MR)
            {
                GemmKernel512.Kernel<GemmRows8>(kc, ap, bp, ct, ldct, alpha, beta, mode);
                return;
            }

            int r = 0;
            if (rows - r >= 4) { GemmKernel512.Kernel<GemmRows4>(kc, ap + r, bp, ct + r * ldct, ldct, alpha, beta, mode); r += 4; }
            if (rows - r >= 2) { GemmKernel512.Kernel<GemmRows2>(kc, ap + r, bp, ct + r * ldct, ldct, alpha, beta, mode); r += 2; }
            if (rows - r >= 1) { GemmKernel512.Kernel<GemmRows1>(kc, ap + r, bp, ct + r * ldct, ldct, alpha, beta, mode); }
            return;
        }

        for (int half = 0; half < GemmLayout.NR; half += 16)
        {
            int r = 0;
            for (; rows - r >= 6; r += 6) { GemmKernel256.Kernel<GemmRows6>(kc, ap + r, bp + half, ct + r * ldct + half, ldct, alpha, beta, mode); }
            if (rows - r >= 4) { GemmKernel256.Kernel<GemmRows4>(kc, ap + r, bp + half, ct + r * ldct + half, ldct, alpha, beta, mode); r += 4; }
            if (rows - r >= 2) { GemmKernel256.Kernel<GemmRows2>(kc, ap + r, bp + half, ct + r * ldct + half, ldct, alpha, beta, mode); r += 2; }
            if (rows - r >= 1) { GemmKernel256.Kernel<GemmRows1>(kc, ap + r, bp + half, ct + r * ldct + half, ldct, alpha, beta, mode); }
        }
    }
}
