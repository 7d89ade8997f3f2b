using Sift.Model.Sampling;

namespace Sift.Tests.Model.Sampling;

public sealed class LogitsSamplerTests
{
    private static readonly float[] Logits = [1.0f, 2.5f, -0.5f, 2.0f, 0.3f, 1.7f, -2.0f, 0.9f];

    private static double[] Softmax(ReadOnlySpan<float> x, double temperature)
    {
        double max = double.NegativeInfinity;
        foreach (float f in x) max = Math.Max(max, f);
        var p = new double[x.Length];
        double s = 0;
        for (int i = 0; i < x.Length; i++) s += p[i] = Math.Exp((x[i] - max) / temperature);
        for (int i = 0; i < x.Length; i++) p[i] /= s;
        return p;
    }

    private static int[] Histogram(SamplingOptions o, int draws, ulong seed = 99)
    {
        var sampler = new LogitsSampler(Logits.Length);
        var rng = new Xoshiro256StarStar(seed);
        var counts = new int[Logits.Length];
        for (int i = 0; i < draws; i++) counts[sampler.Sample(Logits, o, ref rng)]++;
        return counts;
    }

    /// <summary>Pearson chi-square against expected probabilities; bins with p = 0 must stay empty.</summary>
    private static void AssertMatches(int[] counts, double[] p, int draws)
    {
        double chi = 0;
        int dof = -1;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] == 0)
            {
                Assert.True(counts[i] == 0, $"token {i} has probability 0 but was drawn {counts[i]} times");
                continue;
            }
            double e = p[i] * draws;
            chi += (counts[i] - e) * (counts[i] - e) / e;
            dof++;
        }
        // ~99.9th percentile of chi-square with ≤ 7 degrees of freedom is 24.3.
        Assert.True(chi < 24.3, $"chi-square {chi:F2} with {dof} dof: counts [{string.Join(", ", counts)}]");
    }

    [Fact]
    public void Greedy_takes_the_argmax_and_breaks_ties_to_the_lowest_id()
    {
        Assert.Equal(1, LogitsSampler.Greedy(Logits));
        float[] tied = [0f, 3f, 1f, 3f, 3f];
        Assert.Equal(1, LogitsSampler.Greedy(tied));
        var big = new float[50304];
        big[40000] = 5f;
        big[777] = 5f;
        Assert.Equal(777, LogitsSampler.Greedy(big));
        var rng = new Xoshiro256StarStar(1);
        var before = rng;
        Assert.Equal(1, new LogitsSampler(5).Sample(tied, SamplingOptions.Greedy, ref rng));
        Assert.Equal(before.NextUInt64(), rng.NextUInt64()); // greedy consumes no randomness
        Assert.Throws<ArgumentException>(() => LogitsSampler.Greedy([1f, float.NaN]));
    }

    [Fact]
    public void Top_k_of_one_and_a_vanishing_temperature_equal_greedy()
    {
        var sampler = new LogitsSampler(Logits.Length);
        var rng = new Xoshiro256StarStar(5);
        for (int i = 0; i < 200; i++)
        {
            Assert.Equal(1, sampler.Sample(Logits, new SamplingOptions { TopK = 1 }, ref rng));
            Assert.Equal(1, sampler.Sample(Logits, new SamplingOptions { Temperature = 1e-4f }, ref rng));
            Assert.Equal(1, sampler.Sample(Logits, new SamplingOptions { Temperature = 1e-45f }, ref rng));
            Assert.Equal(1, sampler.Sample(Logits, new SamplingOptions { TopP = 1e-6f }, ref rng));
        }
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.7)]
    [InlineData(2.0)]
    public void Draws_follow_the_tempered_softmax(double temperature)
    {
        const int draws = 60_000;
        var counts = Histogram(new SamplingOptions { Temperature = (float)temperature }, draws);
        AssertMatches(counts, Softmax(Logits, temperature), draws);
    }

    [Fact]
    public void Top_k_renormalises_over_the_k_most_likely()
    {
        const int draws = 60_000;
        var counts = Histogram(new SamplingOptions { TopK = 3 }, draws);
        var p = Softmax(Logits, 1.0);
        // ids 1 (2.5), 3 (2.0), 5 (1.7) survive
        var expected = new double[p.Length];
        double s = p[1] + p[3] + p[5];
        foreach (int i in new[] { 1, 3, 5 }) expected[i] = p[i] / s;
        AssertMatches(counts, expected, draws);
    }

    [Fact]
    public void Top_p_keeps_the_smallest_prefix_reaching_the_mass()
    {
        var p = Softmax(Logits, 1.0);
        var order = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).ToArray();
        // choose p just above the mass of the top 3, so the nucleus is the top 4 (HF: the token that crosses p stays)
        double top3 = p[order[0]] + p[order[1]] + p[order[2]];
        const int draws = 60_000;
        var counts = Histogram(new SamplingOptions { TopP = (float)(top3 + 0.01) }, draws);
        var expected = new double[p.Length];
        double s = top3 + p[order[3]];
        foreach (int i in order.Take(4)) expected[i] = p[i] / s;
        AssertMatches(counts, expected, draws);
        // and just below it: the top 3
        counts = Histogram(new SamplingOptions { TopP = (float)(top3 - 0.01) }, draws);
        expected = new double[p.Length];
        foreach (int i in order.Take(3)) expected[i] = p[i] / top3;
        AssertMatches(counts, expected, draws);
    }

    [Fact]
    public void Top_k_then_top_p_with_temperature_in_HF_order()
    {
        // T=0.5, top-k 4, then top-p 0.9 of the renormalised top-4 mass.
        var p = Softmax(Logits, 0.5);
        var order = Enumerable.Range(0, p.Length).OrderByDescending(i => p[i]).Take(4).ToArray();
        double k4 = order.Sum(i => p[i]);
        var kept = new List<int>();
        double before = 0;
        foreach (int i in order)
        {
            if (before >= 0.9 * k4) break;
            kept.Add(i);
            before += p[i];
        }
        Assert.InRange(kept.Count, 2, 3); // the case is non-trivial
        const int draws = 60_000;
        var counts = Histogram(new SamplingOptions { Temperature = 0.5f, TopK = 4, TopP = 0.9f }, draws);
        var expected = new double[p.Length];
        double s = kept.Sum(i => p[i]);
        foreach (int i in kept) expected[i] = p[i] / s;
        AssertMatches(counts, expected, draws);
    }

    [Fact]
    public void Top_p_on_a_large_flat_vocabulary_keeps_about_p_of_it()
    {
        const int v = 50304;
        var logits = new float[v];
        var init = new Xoshiro256StarStar(3);
        for (int i = 0; i < v; i++) logits[i] = (float)(init.NextDouble() * 0.01);
        var sampler = new LogitsSampler(v);
        var rng = new Xoshiro256StarStar(4);
        var seen = new HashSet<int>();
        for (int i = 0; i < 400; i++) seen.Add(sampler.Sample(logits, new SamplingOptions { TopP = 0.5f }, ref rng));
        // only tokens in the top half (by logit) can appear
        var sorted = (float[])logits.Clone();
        Array.Sort(sorted);
        float median = sorted[v / 2 - 50];
        Assert.All(seen, id => Assert.True(logits[id] >= median, $"token {id} with logit {logits[id]} is outside the nucleus"));
        Assert.True(seen.Count > 300);
    }

    [Theory]
    [InlineData(0.5f, 2.0)]
    [InlineData(0.9f, 2.0)]
    [InlineData(0.95f, 0.5)]
    public void Top_p_on_a_large_random_vocabulary_matches_a_sorted_reference(float topP, double spread)
    {
        const int v = 3000, draws = 3000;
        var init = new Xoshiro256StarStar(17);
        var logits = Enumerable.Range(0, v).Select(_ => (float)(init.NextGaussian() * spread)).ToArray();
        var p = Softmax(logits, 1.0);
        // reference nucleus: sort by probability (ties to the lower id), keep while the mass before < p
        var order = Enumerable.Range(0, v).OrderByDescending(i => p[i]).ThenBy(i => i).ToArray();
        var kept = new List<int>();
        double before = 0;
        foreach (int i in order)
        {
            if (before >= topP) break;
            kept.Add(i);
            before += p[i];
        }
        var inSet = kept.ToHashSet();
        var lower = kept.Skip(kept.Count / 2).ToHashSet();
        double lowerShare = lower.Sum(i => p[i]) / kept.Sum(i => p[i]);

        var sampler = new LogitsSampler(v);
        var rng = new Xoshiro256StarStar(23);
        int inLower = 0;
        for (int d = 0; d < draws; d++)
        {
            int t = sampler.Sample(logits, new SamplingOptions { TopP = topP }, ref rng);
            Assert.True(inSet.Contains(t), $"token {t} (p={p[t]:G3}) is outside the nucleus of {kept.Count} tokens");
            if (lower.Contains(t)) inLower++;
        }
        double sd = Math.Sqrt(draws * lowerShare * (1 - lowerShare));
        Assert.InRange(inLower, draws * lowerShare - 4.5 * sd, draws * lowerShare + 4.5 * sd);
    }

    [Fact]
    public void Same_seed_same_tokens_and_sampling_allocates_nothing()
    {
        var sampler = new LogitsSampler(Logits.Length);
        var o = new SamplingOptions { Temperature = 0.8f, TopK = 5, TopP = 0.95f };
        var a = new Xoshiro256StarStar(SeedDerivation.DeriveSeed(7, "seq/0"));
        var b = new Xoshiro256StarStar(SeedDerivation.DeriveSeed(7, "seq/0"));
        var ta = new int[500];
        var tb = new int[500];
        for (int i = 0; i < 500; i++) ta[i] = sampler.Sample(Logits, o, ref a);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 500; i++) tb[i] = sampler.Sample(Logits, o, ref b);
        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.Equal(ta, tb);
        var c = new Xoshiro256StarStar(SeedDerivation.DeriveSeed(8, "seq/0"));
        var tc = Enumerable.Range(0, 500).Select(_ => sampler.Sample(Logits, o, ref c)).ToArray();
        Assert.NotEqual(ta, tc);
    }

    [Fact]
    public void Rows_sample_independently_with_their_own_streams()
    {
        var sampler = new LogitsSampler(Logits.Length);
        var o = new SamplingOptions { Temperature = 1.3f };
        var batch = new float[3 * Logits.Length];
        for (int b = 0; b < 3; b++) Logits.CopyTo(batch, b * Logits.Length);
        var rngs = new[] { Xoshiro256StarStar.ForStream(9, "row/0"), Xoshiro256StarStar.ForStream(9, "row/1"), Xoshiro256StarStar.ForStream(9, "row/2") };
        var single = Xoshiro256StarStar.ForStream(9, "row/1");
        var tokens = new int[3];
        for (int step = 0; step < 50; step++)
        {
            sampler.SampleRows(batch, o, rngs, tokens);
            // row 1 alone, with its own stream, gives the same token: other rows never shift it
            Assert.Equal(sampler.Sample(Logits, o, ref single), tokens[1]);
        }
        Assert.Throws<ArgumentException>(() => sampler.SampleRows(batch, o, rngs.AsSpan(0, 2), tokens));
    }

    [Fact]
    public void Options_are_validated()
    {
        Assert.Throws<ArgumentException>(() => new SamplingOptions { Temperature = -1 }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions { TopP = 0 }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions { TopK = -2 }.Validate());
        Assert.Throws<ArgumentException>(() => new SamplingOptions { StopStrings = [""] }.Validate());
        Assert.True(new SamplingOptions { TopK = 1 }.IsGreedy);
        Assert.True(new SamplingOptions { StopTokenIds = [2, 5] }.IsStopToken(5));
        var r = new Xoshiro256StarStar(1);
        Assert.Throws<ArgumentException>(() => new LogitsSampler(4).Sample(new float[5], new SamplingOptions(), ref r));
    }
}
