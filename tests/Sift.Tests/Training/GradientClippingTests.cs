using Sift.Training;

namespace Sift.Tests.Training;

public sealed class GradientClippingTests
{
    [Fact]
    public void Matches_torch_clip_grad_norm_()
    {
        foreach (var c in OptimizerGolden.Root.GetProperty("clip").EnumerateArray())
        {
            var grads = OptimizerGolden.Floats(c.GetProperty("grads"));
            float maxNorm = (float)c.GetProperty("max_norm").GetDouble();
            float norm = GradientClipping.ClipGlobalNorm(grads, maxNorm);
            Assert.Equal(c.GetProperty("norm").GetDouble(), norm, 1e-5 * norm);
            OptimizerGolden.AssertClose($"clipped (max {maxNorm})", OptimizerGolden.Floats(c.GetProperty("clipped")), grads, 1e-6, 1e-9);
        }
    }

    [Fact]
    public void Clipped_gradients_have_the_max_norm_and_small_ones_are_untouched()
    {
        var rng = new Random(11);
        var g = Enumerable.Range(0, 10_000).Select(_ => (float)(rng.NextDouble() - 0.5)).ToArray();
        var copy = (float[])g.Clone();
        float norm = GradientClipping.ClipGlobalNorm(g, 1e9f);
        Assert.Equal(copy, g);
        float clipped = GradientClipping.ClipGlobalNorm(g, norm / 4);
        Assert.Equal(norm, clipped);
        Assert.Equal(norm / 4, GradientClipping.GlobalNorm(g), 1e-4 * norm);
        Assert.Equal(norm, GradientClipping.ClipGlobalNorm(copy, 0f)); // maxNorm <= 0 only measures
    }

    [Fact]
    public void Chunked_parallel_norm_agrees_with_the_naive_twin_and_is_reproducible()
    {
        var rng = new Random(13);
        var g = Enumerable.Range(0, 1_000_003).Select(_ => (float)(rng.NextDouble() * 2 - 1) * 1e-3f).ToArray();
        double fast = GradientClipping.GlobalNorm(g);
        double naive = GradientClipping.GlobalNormNaive(g);
        Assert.Equal(naive, fast, naive * 1e-12);
        for (int i = 0; i < 5; i++) Assert.Equal(fast, GradientClipping.GlobalNorm(g));
        Assert.Equal(0.0, GradientClipping.GlobalNorm([]));
    }
}
