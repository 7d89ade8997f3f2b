using Sift.Inference;
using Sift.Model.Sampling;

namespace Sift.Eval;

/// <summary>What an evaluation measures: greedy accuracy (maj1@1) and/or K samples per problem (maj@k, pass@k).</summary>
public sealed record EvalOptions
{
    /// <summary>Run greedy decoding (accuracy = maj1@1).</summary>
    public bool Greedy { get; init; } = true;

    /// <summary>
    /// The sampled evaluation: <see cref="SamplingSettings.K"/> samples per problem (0: greedy only). Greedy
    /// decoding uses its length limit and batch size too.
    /// </summary>
    public SamplingSettings Sampling { get; init; } = new() { K = 0 };

    /// <summary>Greedy decoding only, <paramref name="maxNewTokens"/> per completion.</summary>
    public static EvalOptions GreedyOnly(int maxNewTokens, int batchSize = 64) => new EvalOptions().WithLimits(maxNewTokens, batchSize);

    /// <summary>Samples per problem (0: greedy only).</summary>
    public int K => Sampling.K;

    /// <summary>These options with <paramref name="k"/> samples per problem.</summary>
    public EvalOptions WithK(int k) => this with { Sampling = Sampling with { K = k } };

    /// <summary>These options with the sampled decoding changed by <paramref name="change"/>.</summary>
    public EvalOptions WithDecoding(Func<SamplingOptions, SamplingOptions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return this with { Sampling = Sampling with { Decoding = change(Sampling.Decoding) } };
    }

    /// <summary>These options decoding at most <paramref name="maxNewTokens"/> per completion, <paramref name="batchSize"/> sequences together.</summary>
    public EvalOptions WithLimits(int maxNewTokens, int batchSize) =>
        this with { Sampling = Sampling with { BatchSize = batchSize, Decoding = Sampling.Decoding with { MaxNewTokens = maxNewTokens } } };

    /// <summary>Greedy decoding with the sampled evaluation's length limit and batch size.</summary>
    public SamplingSettings GreedySettings => SamplingSettings.Greedy(Sampling.Decoding.MaxNewTokens, Sampling.BatchSize);
}
