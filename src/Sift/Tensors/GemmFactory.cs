namespace Sift.Tensors;

/// <summary>
/// Chooses the GEMM implementation. The environment variable SIFT_GEMM forces one
/// (naive | managed | openblas). The fast implementations are registered here as they land.
/// </summary>
public static class GemmFactory
{
    private static readonly Lazy<IGemm> DefaultGemm = new(() => Create(Environment.GetEnvironmentVariable("SIFT_GEMM")));

    /// <summary>The process-wide default, chosen once from SIFT_GEMM and what the machine has.</summary>
    public static IGemm Default => DefaultGemm.Value;

    /// <summary>Creates the named implementation; null or empty picks the best available.</summary>
    public static IGemm Create(string? name) => (name ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "auto" or "naive" => new NaiveGemm(),
        _ => throw new ArgumentException($"Unknown SIFT_GEMM value '{name}'. Use naive, managed or openblas.", nameof(name)),
    };
}
