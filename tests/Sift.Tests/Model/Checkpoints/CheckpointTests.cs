using System.Buffers.Binary;
using System.Text;
using Sift.Model;
using Sift.Model.Checkpoints;
using Sift.Training;

namespace Sift.Tests.Model.Checkpoints;

[Collection(Sift.Tests.Model.EngineThreadsCollection.Name)]
public sealed class CheckpointTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sift-ckpt-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    [Theory]
    [InlineData(ModelFamily.Llama)]
    [InlineData(ModelFamily.Gpt2)]
    public void Save_then_load_gives_the_same_model_and_tokenizer(ModelFamily family)
    {
        using var model = TransformerModel.Create(ModelTestData.Tiny(family), 8);
        ModelDirectory.Save(_dir, model, "{\"model\":{}}");
        Assert.True(File.Exists(Path.Combine(_dir, "config.json")));
        using var loaded = ModelDirectory.Load(_dir);
        Assert.Equal(model.Config, loaded.Config);
        Assert.True(model.Weights.Span.SequenceEqual(loaded.Weights.Span));
        Assert.Equal("{\"model\":{}}", File.ReadAllText(Path.Combine(_dir, ModelDirectory.TokenizerFile)));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp*"));
    }

    [Fact]
    public void Resuming_from_a_checkpoint_continues_exactly()
    {
        var config = ModelTestData.Tiny(ModelFamily.Llama);
        var options = new TrainStepOptions { Schedule = new LearningRateSchedule { PeakLearningRate = 1e-3, WarmupSteps = 2, TotalSteps = 10 } };
        MicroBatch Batch(int i) => ModelTestData.Batch(2, 6, config.VocabSize, 50 + i);
        using var model = TransformerModel.Create(config, 4);
        using var step = new TrainStep(model, 2, 6, options);
        for (int i = 0; i < 3; i++) step.Run(Batch(i));
        TrainStepCheckpoint.Save(_dir, step, new TrainingPosition(3, 6, 12345678901234567890UL));
        for (int i = 3; i < 5; i++) step.Run(Batch(i));

        using var fresh = TransformerModel.Create(config, 999);
        using var resumed = new TrainStep(fresh, 2, 6, options);
        var pos = TrainStepCheckpoint.Load(_dir, resumed);
        Assert.Equal(new TrainingPosition(3, 6, 12345678901234567890UL), pos);
        Assert.Equal(3, resumed.StepCount);
        for (int i = 3; i < 5; i++) resumed.Run(Batch(i));
        Assert.True(model.Weights.Span.SequenceEqual(fresh.Weights.Span));
    }

    [Fact]
    public void Truncated_and_foreign_files_get_clear_errors()
    {
        using var model = TransformerModel.Create(ModelTestData.Tiny(ModelFamily.Gpt2), 8);
        ModelDirectory.Save(_dir, model);
        string weights = Path.Combine(_dir, "model.safetensors");
        var bytes = File.ReadAllBytes(weights);
        File.WriteAllBytes(weights, bytes[..(bytes.Length / 2)]);
        var truncated = Assert.ThrowsAny<Exception>(() => ModelDirectory.Load(_dir));
        Assert.Contains("model.safetensors", truncated.Message);
        File.WriteAllText(weights, "<html>not a checkpoint</html>");
        var foreign = Assert.ThrowsAny<Exception>(() => ModelDirectory.Load(_dir));
        Assert.Contains("model.safetensors", foreign.Message);
        Assert.True(truncated is InvalidDataException && foreign is InvalidDataException, $"{truncated.GetType()} / {foreign.GetType()}");
    }

    [Fact]
    public void Weights_that_do_not_fit_the_config_name_the_tensor()
    {
        using var model = TransformerModel.Create(ModelTestData.Tiny(ModelFamily.Gpt2), 8);
        ModelDirectory.Save(_dir, model);
        string configPath = Path.Combine(_dir, "config.json");
        File.WriteAllText(configPath, File.ReadAllText(configPath).Replace("\"intermediate_size\": 64", "\"intermediate_size\": 96"));
        var ex = Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("up_proj.weight", ex.Message);
        Assert.Contains("[96, 32]", ex.Message);
        // A Llama config over GPT-2 weights: foreign tensors.
        using var llama = new TransformerModel(ModelTestData.Tiny(ModelFamily.Llama));
        var ex2 = Assert.Throws<InvalidDataException>(() => ModelDirectory.LoadWeights(Path.Combine(_dir, "model.safetensors"), llama));
        Assert.Contains("is not a parameter", ex2.Message);
        // A training checkpoint for another config.
        using var other = TransformerModel.Create(ModelTestData.Tiny(ModelFamily.Gpt2) with { NumHiddenLayers = 1 }, 1);
        using var step = new TrainStep(other, 1, 4, new TrainStepOptions());
        var ex3 = Assert.Throws<InvalidDataException>(() => TrainStepCheckpoint.Load(_dir, step));
        Assert.Contains("config does not match", ex3.Message);
    }

    [Fact]
    public void Reads_f16_and_bf16_weights()
    {
        var config = ModelTestData.Tiny(ModelFamily.Llama);
        using var model = TransformerModel.Create(config, 8);
        foreach (var dtype in new[] { "F16", "BF16" })
        {
            // Hand-written safetensors with every parameter in the half type.
            var header = new StringBuilder("{");
            var data = new MemoryStream();
            foreach (var p in model.Parameters.Entries)
            {
                long start = data.Position;
                foreach (float v in model.Parameter(p.Name))
                {
                    ushort bits = dtype == "F16" ? BitConverter.HalfToUInt16Bits((Half)v) : (ushort)(BitConverter.SingleToUInt32Bits(v) >> 16);
                    Span<byte> two = stackalloc byte[2];
                    BinaryPrimitives.WriteUInt16LittleEndian(two, bits);
                    data.Write(two);
                }
                header.Append($"\"{p.Name}\":{{\"dtype\":\"{dtype}\",\"shape\":[{string.Join(",", p.Shape)}],\"data_offsets\":[{start},{data.Position}]}},");
            }
            header.Length--;
            header.Append('}');
            var hb = Encoding.UTF8.GetBytes(header.ToString());
            string path = Path.Combine(Path.GetTempPath(), $"sift-{dtype}-{Guid.NewGuid():N}.safetensors");
            try
            {
                using (var f = File.Create(path))
                {
                    Span<byte> len = stackalloc byte[8];
                    BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)hb.Length);
                    f.Write(len);
                    f.Write(hb);
                    data.Position = 0;
                    data.CopyTo(f);
                }
                using var loaded = new TransformerModel(config);
                ModelDirectory.LoadWeights(path, loaded);
                var a = model.Weights.Span;
                var b = loaded.Weights.Span;
                float tol = dtype == "F16" ? 1e-3f : 1e-2f;
                for (int i = 0; i < a.Length; i++) Assert.True(Math.Abs(a[i] - b[i]) <= tol * Math.Max(1f, Math.Abs(a[i])), $"{dtype} element {i}: {a[i]} vs {b[i]}");
            }
            finally { File.Delete(path); }
        }
    }
}
