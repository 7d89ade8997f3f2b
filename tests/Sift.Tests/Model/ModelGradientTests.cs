using Sift.Model;
using Sift.Tensors;
using Sift.Tensors.Kernels;
using Sift.Tests.Tensors.Kernels;
using Sift.Tests.Support;

namespace Sift.Tests.Model;

[Collection(Sift.Tests.Model.EngineThreadsCollection.Name)]
public sealed class ModelGradientTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var g in GemmCases.All())
        {
            yield return [ModelFamily.Llama, g[0]];
            yield return [ModelFamily.Gpt2, g[0]];
        }
    }

    /// <summary>
    /// Whole-model check of the wiring: the analytic gradient of a few elements of every parameter
    /// against a central difference of the float loss (h large enough to beat float rounding).
    /// </summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void Model_gradients_match_finite_differences(ModelFamily family, string gemmName)
    {
        var config = ModelTestData.Tiny(family);
        using var model = TransformerModel.Create(config, 5, GemmCases.Get(gemmName));
        // Larger weights than the 0.02 init so every path carries signal.
        foreach (ref float w in model.Weights.Span) w *= 3f;
        using var graph = new TrainingGraph(model, 2, 6);
        var mb = ModelTestData.Batch(2, 6, config.VocabSize, 3);
        float denom = mb.Weights.Sum();
        graph.ZeroGradients();
        graph.ForwardBackward(mb.Tokens, mb.Targets, mb.Weights, 2, 6, denom);
        var rng = new Random(9);
        foreach (var p in model.Parameters.Entries)
        {
            var weights = model.Parameter(p.Name);
            var grads = graph.Gradient(p.Name);
            float gmax = 0;
            foreach (var g in grads) gmax = Math.Max(gmax, Math.Abs(g));
            for (int trial = 0; trial < 3; trial++)
            {
                int j = rng.Next(weights.Length);
                double fd = FiniteDifference.Central(weights, j, 1e-2f, () => graph.Loss(mb.Tokens, mb.Targets, mb.Weights, 2, 6));
                double err = Math.Abs(fd - grads[j]);
                Assert.True(err <= 2e-2 * Math.Max(gmax, 1e-2) + 1e-4, $"{p.Name}[{j}]: finite difference {fd:G6}, analytic {grads[j]:G6}, max |grad| {gmax:G3}");
            }
        }
    }
}
