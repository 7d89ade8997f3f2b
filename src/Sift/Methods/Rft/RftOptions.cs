namespace Sift.Methods.Rft;

/// <summary>How rejection-sampling fine-tuning builds its data (Yuan et al. 2023, §4).</summary>
public sealed record RftOptions
{
    /// <summary>Drop correct samples with a wrong calculator annotation (the paper's check_equation).</summary>
    public bool CheckAnnotations { get; init; } = true;

    /// <summary>Include the SFT data (reference solutions) beside the kept paths, as the paper does.</summary>
    public bool IncludeSftData { get; init; } = true;

    /// <summary>k values at which coverage, distinct paths and pass@k are reported (default 1, 2, 4, … up to the samples per problem).</summary>
    public IReadOnlyList<int>? GrowthKs { get; init; }
}
