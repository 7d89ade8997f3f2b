namespace Sift.Model;

/// <summary>Model shapes known by name (benchmarks, tests, the demo).</summary>
public static class NamedConfigs
{
    /// <summary>GPT-2 small: 12 layers, 768 wide, 12 heads, vocab 50304 (padded), context 1024.</summary>
    public static ModelConfig Gpt2_124M { get; } = new()
    {
        Family = ModelFamily.Gpt2, HiddenSize = 768, IntermediateSize = 3072, NumHiddenLayers = 12,
        NumAttentionHeads = 12, NumKeyValueHeads = 12, VocabSize = 50304, MaxPositionEmbeddings = 1024,
        TieWordEmbeddings = true, RmsNormEps = 1e-5,
    };

    /// <summary>6 layers, 384 wide, 6 heads, vocab 50304, context 256, GPT-2 style.</summary>
    public static ModelConfig Small { get; } = new()
    {
        Family = ModelFamily.Gpt2, HiddenSize = 384, IntermediateSize = 1536, NumHiddenLayers = 6,
        NumAttentionHeads = 6, NumKeyValueHeads = 6, VocabSize = 50304, MaxPositionEmbeddings = 256,
        TieWordEmbeddings = true, RmsNormEps = 1e-5,
    };

    /// <summary>A test-sized Llama: 2 layers, 64 wide, 4 query heads sharing 2 key/value heads.</summary>
    public static ModelConfig TinyLlama { get; } = new()
    {
        Family = ModelFamily.Llama, HiddenSize = 64, IntermediateSize = 160, NumHiddenLayers = 2,
        NumAttentionHeads = 4, NumKeyValueHeads = 2, VocabSize = 128, MaxPositionEmbeddings = 128,
        TieWordEmbeddings = false, RmsNormEps = 1e-5,
    };

    /// <summary>A test-sized GPT-2 style model.</summary>
    public static ModelConfig TinyGpt2 { get; } = new()
    {
        Family = ModelFamily.Gpt2, HiddenSize = 64, IntermediateSize = 256, NumHiddenLayers = 2,
        NumAttentionHeads = 4, NumKeyValueHeads = 4, VocabSize = 128, MaxPositionEmbeddings = 128,
        TieWordEmbeddings = true, RmsNormEps = 1e-5,
    };

    public static IReadOnlyDictionary<string, ModelConfig> All { get; } = new Dictionary<string, ModelConfig>(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt2-124m"] = Gpt2_124M,
        ["small"] = Small,
        ["tiny-llama"] = TinyLlama,
        ["tiny-gpt2"] = TinyGpt2,
    };

    /// <summary>Looks a config up by name; the error lists the known names.</summary>
    public static ModelConfig Get(string name) => All.TryGetValue(name, out var c)
        ? c
        : throw new ArgumentException($"Unknown model config '{name}'. Known: {string.Join(", ", All.Keys)}.", nameof(name));
}
