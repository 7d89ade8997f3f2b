using Sift.Model.Sampling;

namespace Sift.Inference;

/// <summary>
/// How to sample completions for problems (evaluation, RFT, ReST-EM's E-step): how many per problem and
/// how many decode together, around the engine's own per-token <see cref="SamplingOptions"/> (one record
/// for temperature, top-k, top-p, length and seed, never copied field by field).
/// </summary>
public sealed record SamplingSettings
{
    /// <summary>The decoding the settings start from: temperature 0.7 (the RFT paper's), 160 new tokens, seed 1.</summary>
    public static SamplingOptions DefaultDecoding { get; } = new() { Temperature = 0.7f, MaxNewTokens = 160, Seed = 1 };

    /// <summary>Completions per problem.</summary>
    public int K { get; init; } = 1;

    /// <summary>Sequences decoded together (KV-cache slots).</summary>
    public int BatchSize { get; init; } = 64;

    /// <summary>
    /// How each token is drawn and when a completion ends. Completion j of problem i samples from a stream
    /// derived from (<see cref="SamplingOptions.Seed"/>, i·K + j); the tokenizer's EOS is added to the stop tokens.
    /// </summary>
    public SamplingOptions Decoding { get; init; } = DefaultDecoding;

    /// <summary><paramref name="k"/> samples per problem at <paramref name="temperature"/> (top-k <paramref name="topK"/>, 0: off).</summary>
    public static SamplingSettings Sampled(int k, float temperature, int maxNewTokens, int batchSize, ulong seed, int topK = 0) => new()
    {
        K = k,
        BatchSize = batchSize,
        Decoding = DefaultDecoding with { Temperature = temperature, TopK = topK, MaxNewTokens = maxNewTokens, Seed = seed },
    };

    /// <summary>Greedy decoding, one completion per problem.</summary>
    public static SamplingSettings Greedy(int maxNewTokens = 160, int batchSize = 64) =>
        new() { K = 1, BatchSize = batchSize, Decoding = DefaultDecoding with { Temperature = 0f, MaxNewTokens = maxNewTokens } };

    public bool IsGreedy => Decoding.IsGreedy;

    /// <summary>The engine's sampling options for these settings, stopping also at every id of <paramref name="stopIds"/> (the model's EOS ids).</summary>
    public SamplingOptions ToSamplingOptions(params IEnumerable<int> stopIds)
    {
        ArgumentNullException.ThrowIfNull(stopIds);
        var missing = stopIds.Distinct().Where(id => !Decoding.IsStopToken(id)).ToArray();
        return missing.Length == 0 ? Decoding : Decoding with { StopTokenIds = [.. Decoding.StopTokenIds, .. missing] };
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (K < 1) throw new ArgumentException($"k must be >= 1, got {K}");
        if (BatchSize < 1) throw new ArgumentException($"batch size must be >= 1, got {BatchSize}");
        if (Decoding.MaxNewTokens < 1) throw new ArgumentException($"max_new_tokens must be >= 1, got {Decoding.MaxNewTokens}");
        Decoding.Validate();
    }
}
