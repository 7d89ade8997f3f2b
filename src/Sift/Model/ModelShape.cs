namespace Sift.Model;

/// <summary>The shape of a small model built from scratch (vocab and ids come from the tokenizer).</summary>
public sealed record ModelShape
{
    public ModelFamily Family { get; init; } = ModelFamily.Llama;
    public int Hidden { get; init; } = 96;
    public int Layers { get; init; } = 3;
    public int Heads { get; init; } = 4;
    public int KeyValueHeads { get; init; } = 4;
    public int Intermediate { get; init; } = 256;
    public int Context { get; init; } = 192;
    public bool TieEmbeddings { get; init; } = true;

    /// <summary>The model config for a tokenizer of exactly <paramref name="vocab"/> tokens (no padding: a padded id could be sampled and has no text).</summary>
    public ModelConfig ToConfig(int vocab, int bosId, int eosId) => new()
    {
        Family = Family,
        HiddenSize = Hidden,
        NumHiddenLayers = Layers,
        NumAttentionHeads = Heads,
        NumKeyValueHeads = KeyValueHeads,
        IntermediateSize = Intermediate,
        MaxPositionEmbeddings = Context,
        VocabSize = vocab,
        TieWordEmbeddings = TieEmbeddings,
        BosTokenId = bosId,
        EosTokenId = eosId,
    };
}
