using Sift.Model;

namespace Sift.Tests.Model;

/// <summary>config.json / generation_config.json reading and writing (ModelConfig, GenerationConfig).</summary>
public sealed class ModelConfigTests
{
    public static IEnumerable<object[]> Variants()
    {
        var llama = ModelTestData.Tiny(ModelFamily.Llama);
        var gpt2 = ModelTestData.Tiny(ModelFamily.Gpt2);
        yield return ["llama", llama];
        yield return ["sift_gpt2", gpt2];
        yield return ["hf gpt2", gpt2 with { ModelType = "gpt2", IntermediateSize = 128, BosTokenId = 5, EosTokenId = 5 }];
        yield return ["llama biases", llama with { AttentionBias = true, AttentionOutputBias = true, MlpBias = true, PadTokenId = 0 }];
        yield return ["llama3 rope", llama with { RopeScaling = new RopeScaling { Type = "llama3", Factor = 32, OriginalMaxPositionEmbeddings = 8192 }, EosTokenIds = [2, 5, 9] }];
        yield return ["linear rope", llama with { RopeScaling = new RopeScaling { Type = "linear", Factor = 2 } }];
        yield return ["mistral", llama with { ModelType = "mistral", SlidingWindow = 4096, HeadDim = 16 }];
        yield return ["mistral no window", llama with { ModelType = "mistral", SlidingWindow = null }];
        yield return ["qwen2", llama with { ModelType = "qwen2", AttentionBias = true, SlidingWindow = 32768, UseSlidingWindow = false, TorchDtype = "bfloat16" }];
        yield return ["qwen3", llama with { ModelType = "qwen3", QkNorm = true, HeadDim = 16, ExtraJson = "{\"max_window_layers\":28,\"layer_types\":[\"full_attention\"]}" }];
        yield return ["generation", llama with { Generation = new GenerationConfig { BosTokenId = 1, EosTokenIds = [2, 3], ExtraJson = "{\"temperature\":0.6}" } }];
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Every_variant_built_in_code_round_trips_through_config_json(string name, ModelConfig config)
    {
        config.Validate();
        var back = ModelConfig.FromJson(config.ToJson()) with { Generation = config.Generation is null ? null : GenerationConfig.FromJson(config.Generation.ToJson()) };
        Assert.True(config == back, $"{name}:\n{config.ToJson()}\nread back as\n{back.ToJson()}");
        Assert.Equal(config.ToJson(), back.ToJson());
    }

    [Fact]
    public void Eos_lists_and_generation_eos_ids_are_all_exposed()
    {
        var c = ModelConfig.FromJson("""{"model_type":"llama","hidden_size":32,"intermediate_size":48,"num_hidden_layers":1,"num_attention_heads":4,"vocab_size":300,"max_position_embeddings":64,"eos_token_id":[128,129,130]}""");
        Assert.Equal(128, c.EosTokenId);
        Assert.Equal([128, 129, 130], c.EosTokenIds);
        Assert.Contains("\"eos_token_id\": [", c.ToJson());
        var g = GenerationConfig.FromJson("""{"bos_token_id":1,"eos_token_id":131,"pad_token_id":0,"do_sample":true}""");
        Assert.Equal([131], g.EosTokenIds);
        Assert.Equal(0, g.PadTokenId);
        Assert.Equal([131, 128, 129, 130], (c with { Generation = g }).StopTokenIds);
        Assert.Equal("{\"do_sample\":true}", g.ExtraJson);
    }

    [Fact]
    public void Unknown_fields_are_kept_in_order_after_sifts_own()
    {
        string json = """{"model_type":"llama","zeta":{"nested":[1,2.50,"x"]},"hidden_size":32,"intermediate_size":48,"num_hidden_layers":1,"num_attention_heads":4,"vocab_size":64,"max_position_embeddings":64,"alpha":null,"rms_norm_eps":1e-06}""";
        var c = ModelConfig.FromJson(json);
        Assert.Equal("{\"zeta\":{\"nested\":[1,2.50,\"x\"]},\"alpha\":null}", c.ExtraJson);
        string written = c.ToJson();
        Assert.True(written.IndexOf("\"zeta\"", StringComparison.Ordinal) > written.IndexOf("\"torch_dtype\"", StringComparison.Ordinal));
        Assert.Contains("2.50", written);
        Assert.Equal(c, ModelConfig.FromJson(written));
        Assert.Equal(1e-6, c.RmsNormEps);
    }

    [Fact]
    public void Transformers_v5_rope_parameters_are_read()
    {
        var c = ModelConfig.FromJson("""{"model_type":"llama","hidden_size":32,"intermediate_size":48,"num_hidden_layers":1,"num_attention_heads":4,"vocab_size":64,"max_position_embeddings":64,"rope_parameters":{"rope_type":"llama3","rope_theta":500000.0,"factor":8.0,"low_freq_factor":1.0,"high_freq_factor":4.0,"original_max_position_embeddings":32}}""");
        Assert.Equal(500000.0, c.RopeTheta);
        Assert.Equal(("llama3", 8.0, 32), (c.RopeScaling!.Type, c.RopeScaling.Factor, c.RopeScaling.OriginalMaxPositionEmbeddings));
        Assert.Equal(c, ModelConfig.FromJson(c.ToJson()));
    }

    [Theory]
    [InlineData("""{"model_type":"gemma"}""", "'model_type'")]
    [InlineData("""{"model_type":"llama","hidden_act":"gelu"}""", "'hidden_act'")]
    [InlineData("""{"model_type":"llama","rope_scaling":{"rope_type":"yarn","factor":4.0}}""", "'rope_scaling'")]
    [InlineData("""{"model_type":"llama","rope_scaling":{"rope_type":"llama3","factor":8.0}}""", "'rope_scaling.low_freq_factor'")]
    [InlineData("""{"model_type":"llama","partial_rotary_factor":0.5}""", "'partial_rotary_factor'")]
    [InlineData("""{"model_type":"llama","head_dim":7}""", "'head_dim'")]
    [InlineData("""{"model_type":"llama","eos_token_id":[2,"x"]}""", "'eos_token_id'")]
    [InlineData("""{"model_type":"gpt2","scale_attn_by_inverse_layer_idx":true}""", "'scale_attn_by_inverse_layer_idx'")]
    [InlineData("""{"model_type":"gpt2","activation_function":"relu"}""", "'activation_function'")]
    [InlineData("""{"model_type":"llama","num_attention_heads":4,"hidden_size":32}""", "'intermediate_size'")]
    public void Bad_configs_name_the_file_and_the_field(string patch, string field)
    {
        var baseFields = new System.Text.Json.Nodes.JsonObject
        {
            ["hidden_size"] = 32, ["intermediate_size"] = 48, ["num_hidden_layers"] = 1, ["num_attention_heads"] = 4,
            ["vocab_size"] = 64, ["max_position_embeddings"] = 64,
        };
        var o = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(patch)!;
        if (field == "'intermediate_size'") baseFields.Remove("intermediate_size");
        foreach (var (k, v) in baseFields)
        {
            if (!o.ContainsKey(k) && !(field == "'intermediate_size'" && k == "intermediate_size")) o[k] = v?.DeepClone();
        }
        var e = Assert.Throws<InvalidDataException>(() => ModelConfig.FromJson(o.ToJsonString(), "/models/x/config.json"));
        Assert.Contains("/models/x/config.json", e.Message);
        Assert.Contains(field, e.Message);
    }
}
