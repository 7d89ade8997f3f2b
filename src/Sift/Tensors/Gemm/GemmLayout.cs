namespace Sift.Tensors;

/// <summary>
/// Register and cache blocking of <see cref="ManagedGemm"/> (Goto and van de Geijn 2008, "Anatomy of
/// high-performance matrix multiplication"): an MR×NR micro-tile lives in registers, a KC×NR micro-panel
/// of packed B in L1, an MC×KC block of packed A in L2, a KC×NC block of packed B in L3.
/// Sizes are for Zen 5 (48 KiB L1d, 1 MiB L2 per core, 32 MiB L3).
/// </summary>
internal static class GemmLayout
{
    /// <summary>Rows of the micro-tile (and of a packed A panel).</summary>
    public const int MR = 8;

    /// <summary>Columns of the micro-tile (and of a packed B panel): two Vector512.</summary>
    public const int NR = 32;

    /// <summary>Largest K block. Fixed: each C element's sum is split into the same K blocks whatever the
    /// thread count or the other dimensions, which keeps results deterministic and batch-invariant.</summary>
    public static readonly int KcMax = Tuning("SIFT_GEMM_KC", 256);

    /// <summary>Rows of A packed at once (an MR multiple); MC·KC·4 bytes ≈ 256 KiB stays in L2.</summary>
    public static int McMax { get; set; } = Tuning("SIFT_GEMM_MC", 256);

    /// <summary>Columns of B packed at once (an NR multiple); KC·NC·4 bytes ≈ 2 MiB per thread, in L3.</summary>
    public static int NcMax { get; set; } = Tuning("SIFT_GEMM_NC", 2048);

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
