using Sift.Training.Sft;

namespace Sift.Methods.Rft;

/// <summary>
/// Rejection-sampling fine-tuning (Yuan et al. 2023, §3–4): k samples per training problem from the SFT
/// models, the correct ones reduced to distinct reasoning paths, the base model fine-tuned on them.
/// The one options record of the method: `sift rft` and the experiment's RFT stage both read it.
/// </summary>
public sealed record RftOptions
{
    /// <summary>Run the RFT stage of an experiment at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Samples per training problem (the paper's k).</summary>
    public int K { get; init; } = 8;

    /// <summary>Sampling temperature (the paper: 0.7).</summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>Also build RFT-U from the union of the two SFT models' samples (§4.3).</summary>
    public bool Union { get; init; } = true;

    /// <summary>Drop correct samples with a wrong calculator annotation (the paper's check_equation).</summary>
    public bool CheckAnnotations { get; init; } = true;

    /// <summary>Include the SFT data (reference solutions) beside the kept paths, as the paper does.</summary>
    public bool IncludeSftData { get; init; } = true;

    /// <summary>k values at which coverage, distinct paths and pass@k are reported (default 1, 2, 4, … up to the samples per problem).</summary>
    public IReadOnlyList<int>? GrowthKs { get; init; }

    /// <summary>Fine-tuning settings of the RFT models (null: the SFT settings).</summary>
    public SftOptions? Training { get; init; }
}
