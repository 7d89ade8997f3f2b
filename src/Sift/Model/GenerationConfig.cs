namespace Sift.Model;

/// <summary>
/// Hugging Face <c>generation_config.json</c>: the token ids generation uses (transformers'
/// GenerationConfig: bos_token_id, eos_token_id — one id or a list —, pad_token_id). Every other
/// field (sampling defaults, transformers_version, …) is kept as read and written back unchanged.
/// </summary>
public sealed record GenerationConfig
{
    public const string FileName = "generation_config.json";

    public int? BosTokenId { get; init; }

    /// <summary>Every id that ends generation (empty when the file names none).</summary>
    public IReadOnlyList<int> EosTokenIds { get => _eos; init => _eos = new TokenIdList(value); }

    private readonly TokenIdList _eos = new([]);

    public int? PadTokenId { get; init; }

    /// <summary>The fields Sift does not use, as a compact JSON object (null when none).</summary>
    public string? ExtraJson { get; init; }

    /// <summary>Parses generation_config.json text; <paramref name="source"/> names the file in errors.</summary>
    public static GenerationConfig FromJson(string json, string source = FileName) => ModelConfigJson.ReadGeneration(json, source);

    /// <summary>Serialises to generation_config.json text.</summary>
    public string ToJson() => ModelConfigJson.WriteGeneration(this);
}
