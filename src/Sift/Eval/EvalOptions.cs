using Sift.Inference;
namespace Sift.Eval;

/// <summary>What an evaluation measures.</summary>
public sealed record EvalOptions
{
    /// <summary>Run greedy decoding (accuracy = maj1@1).</summary>
    public bool Greedy { get; init; } = true;

    /// <summary>Samples per problem for maj@k and pass@k (0: greedy only).</summary>
    public int K { get; init; }

    /// <summary>Sampling temperature of the k samples.</summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>Top-k filter of the k samples (0: off).</summary>
    public int TopK { get; init; }

    /// <summary>Most new tokens per completion.</summary>
    public int MaxNewTokens { get; init; } = 160;

    /// <summary>Root seed of the samples.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Sequences decoded together.</summary>
    public int BatchSize { get; init; } = 64;

    public SamplingSettings SampledSettings => new() { K = K, Temperature = Temperature, TopK = TopK, MaxNewTokens = MaxNewTokens, Seed = Seed, BatchSize = BatchSize };

    public SamplingSettings GreedySettings => SamplingSettings.Greedy(MaxNewTokens, BatchSize);
}
