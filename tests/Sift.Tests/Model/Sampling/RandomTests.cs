using Sift.Model.Sampling;

namespace Sift.Tests.Model.Sampling;

public sealed class RandomTests
{
    [Fact]
    public void Xoshiro_matches_the_reference_sequence()
    {
        // Reference: xoshiro256** from state {1, 2, 3, 4} (Vigna's C code) gives 11520, 0, 1509978240, 1215971899390074240.
        var rng = FromState(1, 2, 3, 4);
        Assert.Equal(11520UL, rng.NextUInt64());
        Assert.Equal(0UL, rng.NextUInt64());
        Assert.Equal(1509978240UL, rng.NextUInt64());
        Assert.Equal(1215971899390074240UL, rng.NextUInt64());
    }

    [Fact]
    public void SplitMix64_matches_the_reference_sequence()
    {
        // Reference: SplitMix64 from seed 1234567 gives 6457827717110365317, 3203168211198807973.
        ulong s = 1234567;
        Assert.Equal(6457827717110365317UL, SeedDerivation.SplitMix64(ref s));
        Assert.Equal(3203168211198807973UL, SeedDerivation.SplitMix64(ref s));
    }

    [Fact]
    public void Derived_seeds_are_stable_distinct_and_depend_on_root_and_name()
    {
        ulong a = SeedDerivation.DeriveSeed(42, "init/model.embed_tokens.weight");
        Assert.Equal(a, SeedDerivation.DeriveSeed(42, "init/model.embed_tokens.weight"));
        Assert.NotEqual(a, SeedDerivation.DeriveSeed(43, "init/model.embed_tokens.weight"));
        Assert.NotEqual(a, SeedDerivation.DeriveSeed(42, "init/model.norm.weight"));
        Assert.NotEqual(SeedDerivation.DeriveSeed(0, ""), SeedDerivation.DeriveSeed(0, "\0"));
        var seeds = Enumerable.Range(0, 10_000).Select(i => SeedDerivation.DeriveSeed(1, $"seq/{i}")).ToHashSet();
        Assert.Equal(10_000, seeds.Count);
        Assert.NotEqual(0UL, SeedDerivation.DeriveSeed(1, new string('x', 1000))); // long names work too
    }

    [Fact]
    public void Uniform_and_gaussian_draws_have_the_right_moments()
    {
        var rng = new Xoshiro256StarStar(2024);
        const int n = 200_000;
        double sum = 0, sq = 0, gs = 0, gsq = 0;
        var buckets = new int[10];
        for (int i = 0; i < n; i++)
        {
            double u = rng.NextDouble();
            Assert.InRange(u, 0.0, 1.0 - 1e-17);
            sum += u;
            sq += u * u;
            buckets[rng.NextInt(10)]++;
            double g = rng.NextGaussian();
            gs += g;
            gsq += g * g;
        }
        Assert.Equal(0.5, sum / n, 0.005);
        Assert.Equal(1.0 / 12, sq / n - (sum / n) * (sum / n), 0.002);
        Assert.Equal(0.0, gs / n, 0.01);
        Assert.Equal(1.0, gsq / n, 0.02);
        Assert.All(buckets, c => Assert.InRange(c, n / 10 - 1000, n / 10 + 1000));
    }

    /// <summary>Sets the raw state through reflection so the reference vector can be checked.</summary>
    private static Xoshiro256StarStar FromState(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        object boxed = new Xoshiro256StarStar(0);
        var t = typeof(Xoshiro256StarStar);
        const System.Reflection.BindingFlags f = System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance;
        t.GetField("_s0", f)!.SetValue(boxed, s0);
        t.GetField("_s1", f)!.SetValue(boxed, s1);
        t.GetField("_s2", f)!.SetValue(boxed, s2);
        t.GetField("_s3", f)!.SetValue(boxed, s3);
        return (Xoshiro256StarStar)boxed;
    }
}
