using Sift.Model;
using Sift.Tensors.Kernels;
using Sift.Training;

namespace Sift.Tests.Model;

[Collection(Sift.Tests.Model.EngineThreadsCollection.Name)]
public sealed class TrainingTests
{
    [Theory]
    [InlineData(ModelFamily.Llama)]
    [InlineData(ModelFamily.Gpt2)]
    public void Tiny_model_overfits_a_fixed_batch(ModelFamily family)
    {
        var config = ModelTestData.Tiny(family);
        using var model = TransformerModel.Create(config, 1);
        using var step = new TrainStep(model, 2, 8, TrainStepOptions.Constant(1e-2, maxGradNorm: 1f, weightDecay: 0));
        var mb = ModelTestData.Batch(2, 8, config.VocabSize, 11);
        float first = 0, last = 0;
        for (int i = 0; i < 300; i++)
        {
            var r = step.Run(mb);
            if (i == 0) first = r.Loss;
            last = r.Loss;
            if (last < 0.05f) break;
        }
        Assert.True(first > 3f, $"initial loss {first} should be near ln(40)");
        Assert.True(last < 0.05f, $"loss after training {last}");
    }

    [Fact]
    public void Gradient_accumulation_equals_one_big_batch()
    {
        var config = ModelTestData.Tiny(ModelFamily.Gpt2);
        var whole = ModelTestData.Batch(4, 6, config.VocabSize, 12);
        MicroBatch Half(int h) => new(whole.Tokens[(h * 12)..], whole.Targets[(h * 12)..], whole.Weights[(h * 12)..], 2, 6);
        using var m1 = TransformerModel.Create(config, 2);
        using var m2 = TransformerModel.Create(config, 2);
        using var s1 = new TrainStep(m1, 4, 6, new TrainStepOptions());
        using var s2 = new TrainStep(m2, 2, 6, new TrainStepOptions());
        var r1 = s1.Run(whole);
        var r2 = s2.Run([Half(0), Half(1)]);
        Assert.Equal(r1.Loss, r2.Loss, 5);
        Assert.Equal(r1.GradNorm, r2.GradNorm, 4);
        Assert.Equal(r1.TokenWeight, r2.TokenWeight);
        var a = m1.Weights.Span;
        var b = m2.Weights.Span;
        for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) < 1e-5f, $"weight {i}: {a[i]} vs {b[i]}");
    }

    [Fact]
    public void Same_seed_gives_identical_weights_with_one_or_two_threads()
    {
        var config = ModelTestData.Tiny(ModelFamily.Llama);
        byte[] Train(int threads)
        {
            int keep = KernelParallel.MaxThreads;
            KernelParallel.MaxThreads = threads;
            try
            {
                using var model = TransformerModel.Create(config, 77);
                using var step = new TrainStep(model, 2, 8, new TrainStepOptions { Schedule = new LearningRateSchedule { PeakLearningRate = 1e-3, WarmupSteps = 2, TotalSteps = 5 } });
                for (int i = 0; i < 4; i++) step.Run(ModelTestData.Batch(2, 8, config.VocabSize, 100 + i));
                return System.Runtime.InteropServices.MemoryMarshal.AsBytes(model.Weights.Span).ToArray();
            }
            finally { KernelParallel.MaxThreads = keep; }
        }
        var one = Train(1);
        Assert.Equal(one, Train(2));
        Assert.Equal(one, Train(2));
    }

    [Fact]
    public void Initialisation_follows_the_spec()
    {
        var config = ModelTestData.Tiny(ModelFamily.Gpt2) with { HiddenSize = 64, VocabSize = 500 };
        using var model = TransformerModel.Create(config, 3);
        var emb = model.Parameter("model.embed_tokens.weight");
        double ss = 0;
        foreach (var v in emb) ss += v * v;
        Assert.InRange(Math.Sqrt(ss / emb.Length), 0.019, 0.021);
        var o = model.Parameter("model.layers.0.self_attn.o_proj.weight");
        ss = 0;
        foreach (var v in o) ss += v * v;
        Assert.InRange(Math.Sqrt(ss / o.Length), 0.02 / 2 * 0.9, 0.02 / 2 * 1.1);
        Assert.All(model.Parameter("model.norm.weight").ToArray(), v => Assert.Equal(1f, v));
        Assert.All(model.Parameter("model.norm.bias").ToArray(), v => Assert.Equal(0f, v));
        // Streams are per name: a different layer count leaves embed_tokens unchanged.
        using var other = TransformerModel.Create(config with { NumHiddenLayers = 3 }, 3);
        Assert.Equal(emb.ToArray(), other.Parameter("model.embed_tokens.weight").ToArray());
    }

    [Fact]
    public void Warm_training_steps_allocate_almost_nothing()
    {
        var config = ModelTestData.Tiny(ModelFamily.Llama);
        using var model = TransformerModel.Create(config, 1);
        using var step = new TrainStep(model, 2, 8, new TrainStepOptions());
        var mb = ModelTestData.Batch(2, 8, config.VocabSize, 5);
        // Serial kernels, so every managed allocation of the step happens on this thread and is
        // counted here, whatever other tests allocate at the same time.
        int keep = KernelParallel.MaxThreads;
        long perStep;
        try
        {
            KernelParallel.MaxThreads = 1;
            for (int i = 0; i < 3; i++) step.Run(mb);
            long before = GC.GetAllocatedBytesForCurrentThread();
            const int steps = 10;
            for (int i = 0; i < steps; i++) step.Run(mb);
            perStep = (GC.GetAllocatedBytesForCurrentThread() - before) / steps;
        }
        finally { KernelParallel.MaxThreads = keep; }
        // Only kernel closures and thread-pool bookkeeping are allowed: far below one activation buffer.
        Assert.True(perStep < 16 * 1024, $"{perStep} bytes allocated per step");
    }
}
