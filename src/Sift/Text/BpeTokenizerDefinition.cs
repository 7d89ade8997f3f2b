namespace Sift.Text;

/// <summary>
/// Everything a <see cref="BpeTokenizer"/> is built from: what tokenizer.json holds (read by
/// <see cref="TokenizerJson"/>), or what <see cref="BpeTrainer"/> learned.
/// </summary>
internal sealed record BpeTokenizerDefinition
{
    /// <summary>Token text by id (model vocabulary and added tokens), ids dense from 0.</summary>
    public required string[] Tokens { get; init; }

    /// <summary>The ids of model.vocab (the model's own vocabulary, without added tokens unless listed there).</summary>
    public required IReadOnlySet<int> ModelIds { get; init; }

    public required IReadOnlyList<(int Left, int Right, int Merged)> Merges { get; init; }

    public required IReadOnlyList<AddedToken> AddedTokens { get; init; }

    public Normalizer? Normalizer { get; init; }

    public PreTokenizer? PreTokenizer { get; init; }

    public TokenDecoder? Decoder { get; init; }

    /// <summary>What add_special_tokens=True adds (the post_processor's single-sequence template).</summary>
    public PostProcessor PostProcessor { get; init; } = PostProcessor.Identity;

    public bool IgnoreMerges { get; init; }

    public bool ByteFallback { get; init; }

    /// <summary>model.unk_token, or null.</summary>
    public string? UnkToken { get; init; }

    public bool FuseUnk { get; init; }

    /// <summary>tokenizer.json sections Sift keeps but does not apply (truncation, padding; post_processor, applied only by PostProcess), as raw JSON, written back unchanged.</summary>
    public IReadOnlyDictionary<string, string> Passthrough { get; init; } = new Dictionary<string, string>();

    /// <summary>Names the origin in errors (a path, or "BpeTrainer").</summary>
    public required string Source { get; init; }
}
