using Sift.Eval;
using Sift.Inference;

namespace Sift.Tests.Inference;

/// <summary>The problem-level sampling settings wrap the engine's options: one place for temperature, top-k, length and seed.</summary>
public sealed class SamplingSettingsTests
{
    [Fact]
    public void SampledSetsEveryDecodingFieldAndAddsEosToTheStopTokens()
    {
        var s = SamplingSettings.Sampled(k: 4, temperature: 0.5f, maxNewTokens: 33, batchSize: 7, seed: 99, topK: 40);
        Assert.Equal(4, s.K);
        Assert.Equal(7, s.BatchSize);
        var o = s.ToSamplingOptions(2);
        Assert.Equal(0.5f, o.Temperature);
        Assert.Equal(40, o.TopK);
        Assert.Equal(1f, o.TopP);
        Assert.Equal(33, o.MaxNewTokens);
        Assert.Equal(99UL, o.Seed);
        Assert.Equal([2], o.StopTokenIds);
        Assert.Equal([2], (s with { Decoding = s.Decoding with { StopTokenIds = [2] } }).ToSamplingOptions(2).StopTokenIds);
        Assert.Equal([5, 2], (s with { Decoding = s.Decoding with { StopTokenIds = [5] } }).ToSamplingOptions(2).StopTokenIds);
        Assert.Equal([2, 9], s.ToSamplingOptions(2, 9, 2).StopTokenIds);
    }

    [Fact]
    public void GreedyKeepsTheDefaultSeedAndOneCompletion()
    {
        var g = SamplingSettings.Greedy(12, 3);
        Assert.True(g.IsGreedy);
        Assert.Equal(1, g.K);
        Assert.Equal(3, g.BatchSize);
        Assert.Equal(12, g.Decoding.MaxNewTokens);
        Assert.Equal(SamplingSettings.DefaultDecoding.Seed, g.Decoding.Seed);
    }

    [Fact]
    public void EvalOptionsGreedyDecodingSharesTheSampledLimits()
    {
        var e = new EvalOptions().WithK(3).WithLimits(50, 8).WithDecoding(d => d with { Temperature = 0.9f });
        Assert.Equal(3, e.K);
        Assert.Equal(0.9f, e.Sampling.Decoding.Temperature);
        Assert.Equal(50, e.GreedySettings.Decoding.MaxNewTokens);
        Assert.Equal(8, e.GreedySettings.BatchSize);
        Assert.True(e.GreedySettings.IsGreedy);
        Assert.Equal(0, new EvalOptions().K);
    }

    [Theory]
    [InlineData(0, 1, 10)]
    [InlineData(1, 0, 10)]
    [InlineData(1, 1, 0)]
    public void ValidateNamesTheFieldOutOfRange(int k, int batch, int maxNew)
    {
        var s = SamplingSettings.Sampled(k, 0.7f, maxNew, batch, 1);
        var e = Assert.Throws<ArgumentException>(s.Validate);
        Assert.Contains(k < 1 ? "k must" : batch < 1 ? "batch size" : "max_new_tokens", e.Message, StringComparison.Ordinal);
    }
}
