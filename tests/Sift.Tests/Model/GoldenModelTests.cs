using Sift.Model;
using Sift.Tests.Golden;
using Sift.Tests.Tensors.Kernels;
using Sift.Training;

namespace Sift.Tests.Model;

/// <summary>
/// The whole model of each family against the independent PyTorch reference
/// (tests/reference/make_golden.py): logits, loss, every parameter gradient and the losses of five
/// AdamW steps, within 1e-4 relative, under every available GEMM.
/// </summary>
[Collection(Sift.Tests.Model.EngineThreadsCollection.Name)]
public sealed class GoldenModelTests
{
    public static IEnumerable<object[]> Cases()
    {
        foreach (var g in GemmCases.All())
        {
            yield return ["llama_tiny.safetensors", g[0]];
            yield return ["gpt2_tiny.safetensors", g[0]];
        }
    }

    private static void Close(float[] expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        float scale = expected.Max(Math.Abs);
        for (int i = 0; i < expected.Length; i++)
        {
            float err = Math.Abs(expected[i] - actual[i]);
            Assert.True(err <= 1e-4f * scale + 1e-7f, $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9} (max |expected| {scale:G4})");
        }
    }

    private static TransformerModel Load(GoldenFile g, string gemmName)
    {
        var model = new TransformerModel(g.Config, GemmCases.Get(gemmName));
        foreach (var p in model.Parameters.Entries)
        {
            Assert.Equal(p.Shape, g.Shape(p.Name));
            g.Tensor(p.Name).CopyTo(model.Parameter(p.Name));
        }
        return model;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Logits_loss_and_every_gradient_match_pytorch(string file, string gemmName)
    {
        var g = GoldenFile.Load(file);
        using var model = Load(g, gemmName);
        int[] shape = g.Shape("input_ids");
        int b = shape[0], t = shape[1];
        int[] tokens = g.IntTensor("input_ids"), targets = g.IntTensor("targets");
        float[] weights = g.Tensor("weights");
        using var graph = new TrainingGraph(model, b, t);
        Close(g.Tensor("logits"), graph.Forward(tokens, b, t), "logits");
        graph.ZeroGradients();
        float loss = graph.ForwardBackward(tokens, targets, weights, b, t, weights.Sum());
        Assert.True(Math.Abs(loss - g.Tensor("loss")[0]) <= 1e-4 * Math.Abs(g.Tensor("loss")[0]), $"loss {loss} vs {g.Tensor("loss")[0]}");
        foreach (var p in model.Parameters.Entries)
        {
            Close(g.Tensor("grad." + p.Name), graph.Gradient(p.Name), "grad." + p.Name);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Five_adamw_steps_give_pytorch_losses(string file, string gemmName)
    {
        var g = GoldenFile.Load(file);
        using var model = Load(g, gemmName);
        int[] shape = g.Shape("input_ids");
        var mb = new MicroBatch(g.IntTensor("input_ids"), g.IntTensor("targets"), g.Tensor("weights"), shape[0], shape[1]);
        var options = new TrainStepOptions
        {
            Schedule = LearningRateSchedule.Constant(1e-2),
            MaxGradNorm = 0f,
            Optimizer = new AdamWOptions { Beta1 = 0.9, Beta2 = 0.95, Epsilon = 1e-8, WeightDecay = 0.1 },
        };
        using var step = new TrainStep(model, shape[0], shape[1], options);
        var expected = g.Tensor("adamw_losses");
        for (int i = 0; i < expected.Length; i++)
        {
            float loss = step.Run(mb).Loss;
            Assert.True(Math.Abs(loss - expected[i]) <= 1e-4 * Math.Abs(expected[i]), $"step {i}: loss {loss} vs PyTorch {expected[i]}");
        }
    }
}
