using Sift.Model.Sampling;

namespace Sift.Inference;

/// <summary>How to sample completions for problems (evaluation, RFT, later ReST-EM's E-step).</summary>
public sealed record SamplingSettings
{
    /// <summary>Completions per problem.</summary>
    public int K { get; init; } = 1;

    /// <summary>Softmax temperature; 0 is greedy. The RFT paper samples at 0.7.</summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>Keep only the k most likely tokens (0: off). ReST-EM uses 40.</summary>
    public int TopK { get; init; }

    /// <summary>Nucleus threshold (1: off).</summary>
    public float TopP { get; init; } = 1f;

    /// <summary>Most new tokens per completion.</summary>
    public int MaxNewTokens { get; init; } = 160;

    /// <summary>Root seed; completion j of problem i samples from a stream derived from (seed, i·K + j).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Sequences decoded together (KV-cache slots).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>Greedy decoding, one completion per problem.</summary>
    public static SamplingSettings Greedy(int maxNewTokens = 160, int batchSize = 64) =>
        new() { K = 1, Temperature = 0f, MaxNewTokens = maxNewTokens, BatchSize = batchSize };

    public bool IsGreedy => Temperature == 0f || TopK == 1;

    /// <summary>The engine's sampling options for these settings (stop at <paramref name="eosId"/>).</summary>
    public SamplingOptions ToSamplingOptions(int eosId) => new()
    {
        Temperature = Temperature,
        TopK = TopK,
        TopP = TopP,
        MaxNewTokens = MaxNewTokens,
        StopTokenIds = [eosId],
        Seed = Seed,
    };

    public void Validate()
    {
        if (K < 1) throw new ArgumentException($"k must be >= 1, got {K}");
        if (!(Temperature >= 0)) throw new ArgumentException($"temperature must be >= 0, got {Temperature}");
        if (MaxNewTokens < 1) throw new ArgumentException($"max_new_tokens must be >= 1, got {MaxNewTokens}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be >= 1, got {BatchSize}");
    }
}
