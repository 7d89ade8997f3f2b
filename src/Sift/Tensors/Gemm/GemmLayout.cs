namespace Sift.Tensors;

/// <summary>
/// Register and cache blocking of <see cref="ManagedGemm"/> (Goto and van de Geijn 2008, "Anatomy of
/// high-performance matrix multiplication"): an MR×NR micro-tile lives in registers, an MC×KC block of
/// packed A (384 KiB) in L2, a KC×NC block of packed B (3 MiB per thread) in L3. Sizes measured on Zen 5
/// (48 KiB L1d, 1 MiB L2 per core, 32 MiB L3), single thread, CPU time: KC = 768 beats the textbook
/// L1-resident KC = 256 by 5–10% (the 8×32 kernel needs only 16 B/cycle of B, which L2 sustains, and
/// C makes fewer round trips); MC 128 vs 256 vs 512 and NC 1024 vs 2048 are within noise.
/// </summary>
internal static class GemmLayout
{
    /// <summary>Rows of the micro-tile (and of a packed A panel).</summary>
    public const int MR = 8;

    /// <summary>Columns of the micro-tile (and of a packed B panel): two Vector512.</summary>
    public const int NR = 32;

    /// <summary>Largest K block. Fixed for the process: each C element's sum is split into the same K blocks
    /// whatever the thread count or the other dimensions, which keeps results deterministic and
    /// batch-invariant. SIFT_GEMM_KC overrides it, for tuning only (results then differ in the last bits).</summary>
    public static readonly int KcMax = Tuning("SIFT_GEMM_KC", 768);

    /// <summary>Rows of A packed at once (an MR multiple); MC·KC·4 bytes = 384 KiB stays in L2. SIFT_GEMM_MC overrides it, for tuning.</summary>
    public static readonly int McMax = Tuning("SIFT_GEMM_MC", 128);

    /// <summary>Columns of B packed at once (an NR multiple); KC·NC·4 bytes = 3 MiB per thread, in L3. SIFT_GEMM_NC overrides it, for tuning.</summary>
    public static readonly int NcMax = Tuning("SIFT_GEMM_NC", 1024);

    /// <summary>Bands of C per thread in large calls (dynamic balance on a busy machine); SIFT_GEMM_BANDS overrides it, for tuning.</summary>
    public static readonly int BandsPerThread = Tuning("SIFT_GEMM_BANDS", 2);

    private static int Tuning(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), out int v) && v > 0 ? v : fallback;

    /// <summary>Number of K blocks for a sum of length k.</summary>
    public static int KBlockCount(int k) => (k + KcMax - 1) / KcMax;

    /// <summary>Start and length of K block <paramref name="index"/>: k split into near-equal blocks ≤ KcMax.
    /// Depends on k alone.</summary>
    public static (int Start, int Length) KBlock(int k, int index)
    {
        int count = KBlockCount(k);
        int baseLength = k / count, extra = k % count;
        int start = index * baseLength + Math.Min(index, extra);
        return (start, baseLength + (index < extra ? 1 : 0));
    }
}
