using Sift.Model;
using Sift.Tensors.Kernels;

namespace Sift.Tests.Model;

/// <summary>rope_scaling applied to the rotary inverse frequencies (modeling_rope_utils.py).</summary>
public sealed class RopeTablesTests
{
    private static readonly ModelConfig Base = ModelTestData.Tiny(ModelFamily.Llama) with { HeadDim = 16, RopeTheta = 500000, MaxPositionEmbeddings = 128 };

    [Theory]
    [InlineData(null)]
    [InlineData("default")]
    [InlineData("dynamic")]
    public void Without_effective_scaling_the_tables_are_the_kernels_bit_for_bit(string? type)
    {
        var config = Base with { RopeScaling = type is null ? null : new RopeScaling { Type = type, Factor = 4 } };
        using var block = RopeTables.Build(config, 64);
        var cos = new float[64 * 8];
        var sin = new float[64 * 8];
        RotaryEmbedding.BuildTables(64, 16, 500000, cos, sin);
        Assert.Equal(cos.Concat(sin), block.Span.ToArray());
    }

    [Fact]
    public void Linear_divides_every_frequency_by_the_factor()
    {
        var plain = RopeTables.InverseFrequencies(Base);
        var linear = RopeTables.InverseFrequencies(Base with { RopeScaling = new RopeScaling { Type = "linear", Factor = 4 } });
        Assert.Equal(plain.Select(f => f / 4f), linear);
    }

    [Fact]
    public void Llama3_keeps_high_frequencies_slows_low_ones_and_blends_between()
    {
        var s = new RopeScaling { Type = "llama3", Factor = 8, LowFreqFactor = 1, HighFreqFactor = 4, OriginalMaxPositionEmbeddings = 64 };
        var plain = RopeTables.InverseFrequencies(Base);
        var scaled = RopeTables.InverseFrequencies(Base with { RopeScaling = s });
        int high = 0, low = 0, mid = 0;
        for (int i = 0; i < plain.Length; i++)
        {
            double f = plain[i], wavelen = 2 * Math.PI / f, want;
            if (wavelen < 64.0 / 4) { want = f; high++; }
            else if (wavelen > 64.0 / 1) { want = f / 8; low++; }
            else
            {
                double smooth = (64 / wavelen - 1) / (4 - 1);
                want = (1 - smooth) * f / 8 + smooth * f;
                mid++;
            }
            Assert.True(Math.Abs(scaled[i] - want) <= 1e-6 * want, $"inv_freq[{i}]: {scaled[i]} vs {want}");
        }
        Assert.True(high > 0 && low > 0 && mid > 0, $"bands {high}/{mid}/{low}");
    }
}
