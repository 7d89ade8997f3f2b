using Sift.IO;
using Sift.Model;
using Sift.Model.Checkpoints;
using Sift.Model.Generation;
using Sift.Model.Sampling;
using Sift.Training;
using Xunit.Abstractions;

namespace Sift.Tests.Model.Checkpoints;

/// <summary>
/// Real Hugging Face layouts of every family (llama with biases and shards, llama3 rope scaling,
/// mistral, qwen2 in BF16, qwen3, SmolLM2-as-llama, HF GPT-2) loaded from their directories and
/// compared with the independent PyTorch reference (tests/reference/make_hf_models.py): logits of
/// the training forward within 1e-4 and the KV-cached greedy continuation token for token.
/// </summary>
[Collection(Sift.Tests.Model.EngineThreadsCollection.Name)]
public sealed class HfModelTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sift-hf-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, true);
    }

    public static IEnumerable<object[]> Cases() => HfFixture.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Logits_match_the_pytorch_reference(string name)
    {
        var f = HfFixture.Load(name);
        using var model = ModelDirectory.Load(f.Directory);
        using var graph = new TrainingGraph(model, f.Sequences, f.Length);
        var logits = graph.Forward(f.InputIds, f.Sequences, f.Length);
        Assert.Equal(f.Logits.Length, logits.Length);
        double max = 0;
        for (int i = 0; i < logits.Length; i++) max = Math.Max(max, Math.Abs(logits[i] - f.Logits[i]));
        output.WriteLine($"{name}: max |logit − reference| = {max:G3} over {logits.Length} logits");
        Assert.True(max <= 1e-4, $"{name}: max abs logit difference {max:G3} > 1e-4");
    }

    public static IEnumerable<object[]> GradientCases() => HfFixture.WithGradients.Select(n => new object[] { n });

    /// <summary>Backward of the added parameters (biases, q/k norms) and of scaled RoPE against PyTorch's autograd.</summary>
    [Theory]
    [MemberData(nameof(GradientCases))]
    public void Loss_and_every_gradient_match_the_pytorch_reference(string name)
    {
        var f = HfFixture.Load(name);
        using var model = ModelDirectory.Load(f.Directory);
        using var graph = new TrainingGraph(model, f.Sequences, f.Length);
        graph.ZeroGradients();
        float loss = graph.ForwardBackward(f.InputIds, f.Targets, f.Weights, f.Sequences, f.Length, f.Weights.Sum());
        Assert.True(Math.Abs(loss - f.Loss) <= 1e-5 * Math.Abs(f.Loss), $"{name}: loss {loss} vs PyTorch {f.Loss}");
        Assert.Equal(model.Parameters.Entries.Select(p => p.Name).Order(StringComparer.Ordinal), f.Gradients.Keys.Order(StringComparer.Ordinal));
        float globalMax = f.Gradients.Values.Max(g => g.Max(Math.Abs));
        double worst = 0;
        foreach (var p in model.Parameters.Entries)
        {
            var expected = f.Gradients[p.Name];
            var actual = graph.Gradient(p.Name);
            float scale = expected.Max(Math.Abs);
            for (int i = 0; i < expected.Length; i++)
            {
                double err = Math.Abs(expected[i] - actual[i]);
                worst = Math.Max(worst, err / (scale + 1e-3 * globalMax));
                Assert.True(err <= 1e-4 * scale + 1e-7 * globalMax + 1e-8, $"{name} grad {p.Name}[{i}]: PyTorch {expected[i]:G9}, Sift {actual[i]:G9} (max |grad| of the tensor {scale:G4})");
            }
        }
        output.WriteLine($"{name}: loss {loss:G9} vs {f.Loss:G9}; worst gradient error {worst:G3} of the tensor's max");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Cached_greedy_generation_matches_the_reference(string name)
    {
        var f = HfFixture.Load(name);
        using var model = ModelDirectory.Load(f.Directory);
        using var generator = new TextGenerator(model, 2, f.GreedyPrompt.Length + f.Greedy.Length + 1);
        var result = generator.Generate([f.GreedyPrompt], SamplingOptions.Greedy with { MaxNewTokens = f.Greedy.Length });
        Assert.Equal(f.Greedy, result[0].Tokens);
    }

    /// <summary>Biases, q/k norms and scaled RoPE in the decode path keep each sequence's tokens independent of the batch.</summary>
    [Theory]
    [InlineData("llama")]
    [InlineData("llama3_rope")]
    [InlineData("qwen3")]
    public void Batched_generation_equals_generation_alone(string name)
    {
        var f = HfFixture.Load(name);
        using var model = ModelDirectory.Load(f.Directory);
        int[][] prompts = [.. Enumerable.Range(0, f.Sequences).Select(s => f.InputIds.AsSpan(s * f.Length, 3 + 2 * s).ToArray())];
        var options = new SamplingOptions { Temperature = 0.8f, MaxNewTokens = 6, Seed = 3 };
        using var batched = new TextGenerator(model, f.Sequences, 16);
        var together = batched.Generate(prompts, options);
        using var single = new TextGenerator(model, 1, 16);
        for (int i = 0; i < prompts.Length; i++)
        {
            var alone = single.Generate([prompts[i]], options, firstSequenceIndex: i);
            Assert.Equal(alone[0].Tokens, together[i].Tokens);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Save_then_reload_is_bit_exact_and_keeps_dtype_and_unknown_fields(string name)
    {
        var f = HfFixture.Load(name);
        using var model = ModelDirectory.Load(f.Directory);
        ModelDirectory.Save(_dir, model);
        using var again = ModelDirectory.Load(_dir);
        Assert.Equal(model.Config, again.Config);
        Assert.Equal(model.StorageDtype, again.StorageDtype);
        Assert.True(model.Weights.Span.SequenceEqual(again.Weights.Span));
        string configText = File.ReadAllText(Path.Combine(_dir, "config.json"));
        Assert.Contains("\"transformers_version\"", configText);
        Assert.Contains("\"initializer_range\"", configText);
        using (var cp = SafetensorsCheckpoint.Open(_dir))
        {
            var dtypes = cp.Names.Select(n => cp.GetInfo(n).Dtype).Distinct().ToArray();
            Assert.Equal([name == "qwen2" ? SafetensorsDtype.BF16 : SafetensorsDtype.F32], dtypes);
        }
        // The saved directory answers like the original.
        using var graph = new TrainingGraph(again, f.Sequences, f.Length);
        var logits = graph.Forward(f.InputIds, f.Sequences, f.Length);
        for (int i = 0; i < logits.Length; i++) Assert.True(Math.Abs(logits[i] - f.Logits[i]) <= 1e-4, $"{name}: logit {i} after save/reload");
    }

    [Fact]
    public void Config_fields_of_each_family_are_read()
    {
        var llama = ModelDirectory.ReadConfig(HfFixture.Load("llama").Directory);
        Assert.True(llama.AttentionBias && llama.AttentionOutputBias && llama.MlpBias);
        Assert.False(llama.TieWordEmbeddings);
        var l3 = ModelDirectory.ReadConfig(HfFixture.Load("llama3_rope").Directory);
        Assert.Equal(new RopeScaling { Type = "llama3", Factor = 8, LowFreqFactor = 1, HighFreqFactor = 4, OriginalMaxPositionEmbeddings = 64 }, l3.RopeScaling! with { Json = null });
        Assert.Equal([2, 5, 7], l3.EosTokenIds);
        Assert.Equal(2, l3.EosTokenId);
        Assert.Equal([2, 7, 9], l3.Generation!.EosTokenIds);
        Assert.Equal(1, l3.Generation.BosTokenId);
        Assert.Equal([2, 7, 9, 5], l3.StopTokenIds);
        Assert.Contains("\"temperature\"", l3.Generation.ExtraJson!);
        Assert.Equal(16, l3.HeadDim);
        var mistral = ModelDirectory.ReadConfig(HfFixture.Load("mistral").Directory);
        Assert.Equal(16, mistral.EffectiveSlidingWindow);
        Assert.Equal(16, mistral.HeadDim);
        var qwen2 = ModelDirectory.ReadConfig(HfFixture.Load("qwen2").Directory);
        Assert.True(qwen2.AttentionBias);
        Assert.False(qwen2.AttentionOutputBias);
        Assert.Null(qwen2.EffectiveSlidingWindow);
        Assert.Equal("bfloat16", qwen2.TorchDtype);
        var qwen3 = ModelDirectory.ReadConfig(HfFixture.Load("qwen3").Directory);
        Assert.True(qwen3.QkNorm);
        Assert.Equal(16, qwen3.HeadDim);
        var smol = ModelDirectory.ReadConfig(HfFixture.Load("smollm2").Directory);
        Assert.Equal(2, smol.PadTokenId);
        var gpt2 = ModelDirectory.ReadConfig(HfFixture.Load("gpt2").Directory);
        Assert.Equal(ModelFamily.Gpt2, gpt2.Family);
        Assert.Equal(("gpt2", 32, 128, 4, 32), (gpt2.ModelType, gpt2.HiddenSize, gpt2.IntermediateSize, gpt2.NumAttentionHeads, gpt2.MaxPositionEmbeddings));
        Assert.True(gpt2.TieWordEmbeddings);
    }

    [Fact]
    public void Saved_gpt2_uses_hf_names_and_conv1d_orientation()
    {
        using var model = ModelDirectory.Load(HfFixture.Load("gpt2").Directory);
        ModelDirectory.Save(_dir, model);
        using var cp = SafetensorsCheckpoint.Open(_dir);
        Assert.Equal([32, 96], cp.GetInfo("transformer.h.0.attn.c_attn.weight").Shape);
        Assert.Equal([32, 128], cp.GetInfo("transformer.h.1.mlp.c_fc.weight").Shape);
        Assert.False(cp.Contains("lm_head.weight"));
        Assert.DoesNotContain(cp.Names, n => n.StartsWith("model.", StringComparison.Ordinal));
        string config = File.ReadAllText(Path.Combine(_dir, "config.json"));
        Assert.Contains("\"n_embd\": 32", config);
        Assert.Contains("\"task_specific_params\"", config);
        Assert.Contains("GPT2LMHeadModel", config);
    }

    [Fact]
    public void Shards_above_the_size_limit_with_an_index_and_reload_bit_exact()
    {
        using var model = ModelDirectory.Load(HfFixture.Load("qwen3").Directory);
        ModelDirectory.Save(_dir, model, options: new ModelSaveOptions { MaxShardBytes = 40_000 });
        var shards = Directory.GetFiles(_dir, "model-*-of-*.safetensors");
        Assert.True(shards.Length >= 3, $"{shards.Length} shards");
        Assert.All(shards, s => Assert.Matches(@"model-\d{5}-of-\d{5}\.safetensors$", s));
        Assert.True(File.Exists(Path.Combine(_dir, "model.safetensors.index.json")));
        Assert.False(File.Exists(Path.Combine(_dir, "model.safetensors")));
        foreach (var s in shards)
        {
            using var file = SafetensorsFile.Open(s);
            Assert.True(file.Tensors.Count == 1 || new FileInfo(s).Length <= 40_000 + 4096, $"{s}: {new FileInfo(s).Length} bytes");
        }
        using var again = ModelDirectory.Load(_dir);
        Assert.True(model.Weights.Span.SequenceEqual(again.Weights.Span));
        Assert.Equal(model.Config, again.Config);
        // Saving the same directory unsharded leaves no stale shards or index behind.
        ModelDirectory.WriteFiles(_dir, model);
        Assert.Empty(Directory.GetFiles(_dir, "model-*-of-*.safetensors"));
        Assert.False(File.Exists(Path.Combine(_dir, "model.safetensors.index.json")));
    }

    [Fact]
    public void Bf16_weights_stay_bf16_unless_training_moved_them_or_f32_is_asked()
    {
        using var model = ModelDirectory.Load(HfFixture.Load("qwen2").Directory);
        Assert.Equal(SafetensorsDtype.BF16, model.StorageDtype);
        ModelDirectory.Save(_dir, model, options: new ModelSaveOptions { Dtype = SafetensorsDtype.F32 });
        using (var cp = SafetensorsCheckpoint.Open(_dir)) Assert.Equal(SafetensorsDtype.F32, cp.GetInfo("model.embed_tokens.weight").Dtype);
        Assert.Contains("\"torch_dtype\": \"float32\"", File.ReadAllText(Path.Combine(_dir, "config.json")));
        // A weight off the bfloat16 grid (as after a training step) is never rounded silently.
        model.Parameter("model.norm.weight")[0] += 1e-4f;
        ModelDirectory.Save(_dir, model);
        using (var cp = SafetensorsCheckpoint.Open(_dir)) Assert.Equal(SafetensorsDtype.F32, cp.GetInfo("model.norm.weight").Dtype);
        using (var again = ModelDirectory.Load(_dir)) Assert.True(model.Weights.Span.SequenceEqual(again.Weights.Span));
        Assert.Contains("\"torch_dtype\": \"bfloat16\"", File.ReadAllText(Path.Combine(_dir, "config.json")));
        ModelDirectory.Save(_dir, model, options: new ModelSaveOptions { Dtype = SafetensorsDtype.BF16 });
        using (var cp = SafetensorsCheckpoint.Open(_dir)) Assert.Equal(SafetensorsDtype.BF16, cp.GetInfo("model.norm.weight").Dtype);
        // F16 the same way: asked once, then kept by a plain save, bit-exact.
        ModelDirectory.Save(_dir, model, options: new ModelSaveOptions { Dtype = SafetensorsDtype.F16 });
        using var f16 = ModelDirectory.Load(_dir);
        Assert.Equal((SafetensorsDtype.F16, "float16"), (f16.StorageDtype, f16.Config.TorchDtype));
        string other = _dir + "-f16";
        try
        {
            ModelDirectory.Save(other, f16);
            using var again = ModelDirectory.Load(other);
            Assert.Equal(SafetensorsDtype.F16, again.StorageDtype);
            Assert.True(f16.Weights.Span.SequenceEqual(again.Weights.Span));
        }
        finally
        {
            if (Directory.Exists(other)) Directory.Delete(other, true);
        }
    }

    private string CopyFixture(string name)
    {
        Directory.CreateDirectory(_dir);
        foreach (var file in Directory.GetFiles(HfFixture.Load(name).Directory)) File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)), true);
        return Path.Combine(_dir, "config.json");
    }

    [Fact]
    public void Bad_input_names_the_file_and_the_field()
    {
        string config = CopyFixture("qwen3");
        string original = File.ReadAllText(config);
        File.WriteAllText(config, original.Replace("\"model_type\": \"qwen3\"", "\"model_type\": \"gemma\""));
        var e1 = Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("config.json", e1.Message);
        Assert.Contains("'model_type'", e1.Message);
        Assert.Contains("gemma", e1.Message);

        File.WriteAllText(config, original.Replace("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}"));
        var e2 = Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("config.json", e2.Message);
        Assert.Contains("'rope_scaling'", e2.Message);
        Assert.Contains("yarn", e2.Message);

        File.WriteAllText(config, original.Replace("\"intermediate_size\": 64", "\"intermediate_size\": 72"));
        var e3 = Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("model.safetensors", e3.Message);
        Assert.Contains("gate_proj.weight", e3.Message);
        Assert.Contains("[72, 32]", e3.Message);

        File.WriteAllText(config, original.Replace("\"tie_word_embeddings\": true", "\"tie_word_embeddings\": false"));
        var e4 = Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("missing tensor 'lm_head.weight'", e4.Message);
        Assert.Contains("model.safetensors", e4.Message);

        File.WriteAllText(config, original.Replace("\"model_type\": \"qwen3\"", "\"model_type\": \"qwen2\""));
        var e5 = Assert.Throws<InvalidDataException>(() => ModelDirectory.Load(_dir));
        Assert.Contains("_norm.weight", e5.Message);
        Assert.Contains("is not a parameter", e5.Message);
    }

    [Fact]
    public void A_sliding_window_shorter_than_the_context_is_refused()
    {
        using var model = ModelDirectory.Load(HfFixture.Load("mistral").Directory);
        using (new TrainingGraph(model, 1, 16)) { }
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new TrainingGraph(model, 1, 17));
        Assert.Contains("sliding_window", e.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new TextGenerator(model, 1, 17));
    }

    [Fact]
    public void A_sharded_directory_loads_through_the_weights_path_callers_pass()
    {
        var f = HfFixture.Load("llama");
        using var a = ModelDirectory.Load(f.Directory);
        using var b = new TransformerModel(a.Config);
        ModelDirectory.LoadWeights(Path.Combine(f.Directory, "model.safetensors"), b);
        Assert.True(a.Weights.Span.SequenceEqual(b.Weights.Span));
    }

    [Theory]
    [InlineData("llama3_rope")]
    [InlineData("qwen2")]
    [InlineData("gpt2")]
    public void Training_a_loaded_checkpoint_resumes_exactly(string name)
    {
        var f = HfFixture.Load(name);
        var options = new TrainStepOptions { Schedule = new LearningRateSchedule { PeakLearningRate = 1e-3, WarmupSteps = 1, TotalSteps = 10 } };
        MicroBatch Batch(int i) => ModelTestData.Batch(2, 6, 80, 70 + i);
        using var model = ModelDirectory.Load(f.Directory);
        using var step = new TrainStep(model, 2, 6, options);
        float first = step.Run(Batch(0)).Loss;
        step.Run(Batch(1));
        TrainStepCheckpoint.Save(_dir, step, new TrainingPosition(2, 4, 7));
        for (int i = 2; i < 4; i++) step.Run(Batch(i));
        Assert.True(float.IsFinite(first));

        using var fresh = ModelDirectory.Load(f.Directory);
        using var resumed = new TrainStep(fresh, 2, 6, options);
        TrainStepCheckpoint.Load(_dir, resumed);
        for (int i = 2; i < 4; i++) resumed.Run(Batch(i));
        Assert.True(model.Weights.Span.SequenceEqual(fresh.Weights.Span));
        // The trained weights left the BF16 grid: the checkpoint kept them exactly (F32), config unchanged.
        Assert.Equal(model.Config, ModelDirectory.ReadConfig(_dir));
    }
}
