namespace Sift.Model;

/// <summary>
/// <c>rope_scaling</c> of config.json, the types Sift implements (transformers'
/// modeling_rope_utils.py): <c>linear</c> (inv_freq / factor), <c>llama3</c> (Llama 3.1/3.2:
/// low frequencies divided by factor, high ones kept, a smooth blend between) and <c>dynamic</c>
/// (NTK scaling that only changes anything beyond max_position_embeddings, a context Sift refuses
/// anyway, so within Sift's range it equals no scaling). Any other type is refused when the config is read.
/// </summary>
public sealed record RopeScaling
{
    /// <summary>The <c>rope_type</c> (or legacy <c>type</c>) value.</summary>
    public string Type { get; init; } = "llama3";

    public double Factor { get; init; } = 1.0;

    /// <summary>llama3 only.</summary>
    public double LowFreqFactor { get; init; } = 1.0;

    /// <summary>llama3 only.</summary>
    public double HighFreqFactor { get; init; } = 4.0;

    /// <summary>llama3 only: the context the model was pretrained with before scaling.</summary>
    public int OriginalMaxPositionEmbeddings { get; init; } = 8192;

    /// <summary>The object as read from config.json (compact JSON), written back verbatim; null when built in code.</summary>
    public string? Json { get; init; }
}
