namespace Sift.Tensors;

/// <summary>
/// Chooses the GEMM implementation. The environment variable SIFT_GEMM forces one
/// (naive | managed | openblas); unset or "auto" takes OpenBLAS when libopenblas.so.0 loads, else the
/// managed kernel.
/// </summary>
public static class GemmFactory
{
    private static readonly Lazy<IGemm> DefaultGemm = new(() => Create(Environment.GetEnvironmentVariable("SIFT_GEMM")));

    /// <summary>The process-wide default, chosen once from SIFT_GEMM and what the machine has.</summary>
    public static IGemm Default => DefaultGemm.Value;

    /// <summary>
    /// What <see cref="Default"/> is (choosing it if not yet chosen, exactly as a kernel would). Never
    /// throws: a SIFT_GEMM that cannot be honoured is described as "error: ...".
    /// </summary>
    public static GemmDescription DescribeDefault()
    {
        var requested = Environment.GetEnvironmentVariable("SIFT_GEMM");
        try
        {
            return Describe(Default, requested);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return new GemmDescription("error: " + e.Message, RequestedName(requested), null, null);
        }
    }

    /// <summary>Describes <paramref name="gemm"/>, made for the SIFT_GEMM value <paramref name="requested"/>.</summary>
    public static GemmDescription Describe(IGemm gemm, string? requested)
    {
        ArgumentNullException.ThrowIfNull(gemm);
        return gemm is OpenBlasGemm
            ? new GemmDescription(gemm.Name, RequestedName(requested), OpenBlasGemm.CoreType, OpenBlasGemm.CoreName)
            : new GemmDescription(gemm.Name, RequestedName(requested), null, null);
    }

    private static string RequestedName(string? requested) => string.IsNullOrWhiteSpace(requested) ? "auto" : requested.Trim();

    /// <summary>The names <see cref="Create"/> accepts that work on this machine ("openblas" only when it loads).</summary>
    public static IReadOnlyList<string> Available =>
        OpenBlasGemm.IsAvailable ? ["naive", "managed", "openblas"] : ["naive", "managed"];

    /// <summary>Creates the named implementation; null, empty or "auto" picks the best available.</summary>
    public static IGemm Create(string? name) => (name ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "auto" => OpenBlasGemm.IsAvailable ? new OpenBlasGemm() : new ManagedGemm(),
        "naive" => new NaiveGemm(),
        "managed" => new ManagedGemm(),
        "openblas" => OpenBlasGemm.IsAvailable
            ? new OpenBlasGemm()
            : throw new InvalidOperationException(
                $"SIFT_GEMM=openblas but OpenBLAS could not be loaded ({OpenBlasGemm.LoadError}). "
                + "Install Debian's libopenblas0 (libopenblas.so.0), or set SIFT_GEMM=managed or auto."),
        _ => throw new ArgumentException($"Unknown SIFT_GEMM value '{name}'. Use auto, naive, managed or openblas.", nameof(name)),
    };
}
