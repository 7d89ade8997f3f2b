using System.Runtime.Intrinsics;

namespace Sift.Tensors;

/// <summary>
/// Fast managed SGEMM after Goto and van de Geijn (2008) / BLIS: op(A) and op(B) are packed into
/// panels (<see cref="GemmPack"/>), blocked for the caches (<see cref="GemmLayout"/>), and multiplied by
/// a register-blocked Vector512 FMA micro-kernel (<see cref="GemmKernel512"/>, 8×32), or a Vector256 one
/// (<see cref="GemmKernel256"/>) on CPUs without AVX-512.
/// <para>
/// Threads split C into row or column bands (never K). Every C element is one FMA chain per K block in
/// k order, the K blocks depending on k alone and added to C in order, so the result is bit-identical
/// whatever the thread count, the band split, m and n: a row of C does not depend on the other rows
/// in the batch (what batched sampling needs).
/// </para>
/// </summary>
public sealed unsafe class ManagedGemm : IGemm
{
    /// <summary>Below this many multiply-adds (≈ 64³) a call runs on the calling thread.</summary>
    private const long ParallelThreshold = 64L * 64 * 64;

    private readonly bool useVector512;
    private readonly int? threads;

    /// <summary>The default: Vector512 kernels where the CPU accelerates them, thread count from <see cref="ParallelPlan"/>.</summary>
    public ManagedGemm()
        : this(Vector512.IsHardwareAccelerated, null)
    {
    }

    /// <summary>A fixed thread count, e.g. 1 for calls made from inside an already parallel loop.</summary>
    public ManagedGemm(int threads)
        : this(Vector512.IsHardwareAccelerated, threads)
    {
    }

    /// <param name="useVector512">False forces the Vector256 kernels (tests run both on AVX-512 machines).</param>
    /// <param name="threads">A fixed thread count; null follows <see cref="ParallelPlan.ThreadCount"/>.</param>
    public ManagedGemm(bool useVector512, int? threads = null)
    {
        if (threads is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(threads), threads, "Thread count must be ≥ 1.");
        }

        this.useVector512 = useVector512 && Vector512.IsHardwareAccelerated;
        this.threads = threads;
    }

    public string Name => "managed";

    public void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb,
        float beta, Span<float> c, int ldc)
    {
        GemmChecks.Validate(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0)
        {
            return;
        }

        fixed (float* pa = a)
        fixed (float* pb = b)
        fixed (float* pc = c)
        {
            if (k == 0 || alpha == 0f)
            {
                ScaleC(m, n, beta, pc, ldc);
                return;
            }

            var job = new GemmJob(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, useVector512);
            int threadCount = threads ?? ParallelPlan.ThreadCount;
            (int rowBands, int colBands) = Partition(m, n, k, threadCount);
            int items = rowBands * colBands;
            if (items == 1)
            {
                job.Run(0, m, 0, n);
                return;
            }

            var runner = new BandRunner(job, rowBands, colBands);
            Parallel.For(0, items, ParallelPlanOptions.For(threadCount), runner.Run);
        }
    }

    /// <summary>
    /// How to split C among threads: bands of rows or of columns, whichever packs less (a row band
    /// packs all of B's K×N block, a column band all of A's). Two bands per thread let a thread that
    /// got a busy core fall behind without holding up the call.
    /// </summary>
    internal static (int RowBands, int ColBands) Partition(int m, int n, int k, int threadCount)
    {
        if (threadCount <= 1 || (long)m * n * k < ParallelThreshold)
        {
            return (1, 1);
        }

        int rowPanels = (m + GemmLayout.MR - 1) / GemmLayout.MR;
        int colPanels = (n + GemmLayout.NR - 1) / GemmLayout.NR;
        int want = (long)m * n * k >= 8 * ParallelThreshold ? GemmLayout.BandsPerThread * threadCount : threadCount;
        int rowBands = Math.Min(want, rowPanels);
        int colBands = Math.Min(want, colPanels);

        // Floats packed in total: row bands repack B per band, column bands repack A per band and NC block.
        double rowCost = (double)rowBands * n * k + (double)m * k * Math.Ceiling((double)n / GemmLayout.NcMax);
        double colCost = (double)n * k + (double)colBands * m * k * Math.Max(1, Math.Ceiling((double)n / colBands / GemmLayout.NcMax));
        bool splitRows = rowBands > colBands || (rowBands == colBands && rowCost <= colCost);
        return splitRows ? (rowBands, 1) : (1, colBands);
    }

    private static void ScaleC(int m, int n, float beta, float* c, nint ldc)
    {
        for (int i = 0; i < m; i++)
        {
            var row = new Span<float>(c + i * ldc, n);
            if (beta == 0f)
            {
                row.Clear();
            }
            else
            {
                System.Numerics.Tensors.TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    /// <summary>Maps a band index to its rows and columns (bands aligned to MR / NR).</summary>
    private sealed class BandRunner(GemmJob job, int rowBands, int colBands)
    {
        public void Run(int item)
        {
            (int i0, int i1) = Band(job.M, rowBands, item / colBands, GemmLayout.MR);
            (int j0, int j1) = Band(job.N, colBands, item % colBands, GemmLayout.NR);
            if (i0 < i1 && j0 < j1)
            {
                job.Run(i0, i1, j0, j1);
            }
        }

        private static (int Start, int End) Band(int length, int bands, int index, int align)
        {
            int panels = (length + align - 1) / align;
            int per = panels / bands, extra = panels % bands;
            int start = (index * per + Math.Min(index, extra)) * align;
            int end = start + (per + (index < extra ? 1 : 0)) * align;
            return (Math.Min(start, length), Math.Min(end, length));
        }
    }
}
