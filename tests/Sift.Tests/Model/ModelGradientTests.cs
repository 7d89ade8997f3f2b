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

    /// <summary>The Llama-family variants real checkpoints need, each with the parameters it adds.</summary>
    public static IEnumerable<object[]> Variants() => [["biases"], ["qk_norm"], ["llama3_rope"]];

    private static ModelConfig Variant(string name)
    {
        var tiny = ModelTestData.Tiny(ModelFamily.Llama);
        return name switch
        {
            // llama attention_bias + mlp_bias: q/k/v/o and gate/up/down biases.
            "biases" => tiny with { ModelType = "llama", AttentionBias = true, AttentionOutputBias = true, MlpBias = true },
            // qwen3: per-head q/k RMSNorm, head_dim 16 so heads·head_dim (64) ≠ hidden_size (32).
            "qk_norm" => tiny with { ModelType = "qwen3", QkNorm = true, HeadDim = 16 },
            "llama3_rope" => tiny with { RopeTheta = 500000, RopeScaling = new RopeScaling { Type = "llama3", Factor = 8, LowFreqFactor = 1, HighFreqFactor = 4, OriginalMaxPositionEmbeddings = 16 } },
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>Finite differences of every parameter of each variant, the added ones (biases, q/k norms) included, under the default GEMM.</summary>
    [Theory]
    [MemberData(nameof(Variants))]
    public void Variant_gradients_match_finite_differences(string variant)
    {
        var config = Variant(variant);
        using var model = TransformerModel.Create(config, 6);
        foreach (ref float w in model.Weights.Span) w *= 3f;
        // Non-trivial biases and norm gains, so their gradients are not those of the init values.
        var rng = new Random(4);
        foreach (var p in model.Parameters.Entries.Where(p => p.Shape.Length == 1))
        {
            foreach (ref float w in model.Parameter(p.Name)) w += (float)(rng.NextDouble() - 0.5) * 0.4f;
        }
        using var graph = new TrainingGraph(model, 2, 6);
        var mb = ModelTestData.Batch(2, 6, config.VocabSize, 3);
        float denom = mb.Weights.Sum();
        graph.ZeroGradients();
        graph.ForwardBackward(mb.Tokens, mb.Targets, mb.Weights, 2, 6, denom);
        var added = model.Parameters.Entries.Where(p => p.Name.EndsWith(".bias", StringComparison.Ordinal) || p.Name.Contains("_norm.", StringComparison.Ordinal)).ToList();
        // The q/k norms make the loss curve faster in q/k weights: a smaller step keeps the central difference's O(h²) error under the tolerance.
        float h = variant == "qk_norm" ? 3e-3f : 1e-2f;
        if (variant != "llama3_rope") Assert.Contains(added, p => p.Name.EndsWith(variant == "biases" ? "mlp.gate_proj.bias" : "self_attn.k_norm.weight", StringComparison.Ordinal));
        foreach (var p in model.Parameters.Entries)
        {
            var weights = model.Parameter(p.Name);
            var grads = graph.Gradient(p.Name);
            float gmax = 0;
            foreach (var g in grads) gmax = Math.Max(gmax, Math.Abs(g));
            bool isAdded = added.Contains(p);
            for (int trial = 0; trial < (isAdded ? 6 : 2); trial++)
            {
                int j = rng.Next(weights.Length);
                double fd = FiniteDifference.Central(weights, j, h, () => graph.Loss(mb.Tokens, mb.Targets, mb.Weights, 2, 6));
                double err = Math.Abs(fd - grads[j]);
                Assert.True(err <= 2e-2 * Math.Max(gmax, 1e-2) + 1e-4, $"{variant} {p.Name}[{j}]: finite difference {fd:G6}, analytic {grads[j]:G6}, max |grad| {gmax:G3}");
            }
        }
    }
}
