using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sift.Model;

/// <summary>
/// Transformer shape, with the field names of Hugging Face's <c>config.json</c> for the Llama
/// family so that real checkpoints map onto it. The GPT-2 style variant reuses the same fields
/// (see docs/model-spec.md).
/// </summary>
public sealed record ModelConfig
{
    public ModelFamily Family { get; init; } = ModelFamily.Llama;
    public int HiddenSize { get; init; } = 64;
    public int IntermediateSize { get; init; } = 172;
    public int NumHiddenLayers { get; init; } = 2;
    public int NumAttentionHeads { get; init; } = 4;
    public int NumKeyValueHeads { get; init; } = 4;
    public int VocabSize { get; init; } = 256;
    public int MaxPositionEmbeddings { get; init; } = 256;
    public double RopeTheta { get; init; } = 10000.0;

    /// <summary>Epsilon of RMSNorm (Llama) or LayerNorm (GPT-2: <c>layer_norm_epsilon</c>).</summary>
    public double RmsNormEps { get; init; } = 1e-5;
    public bool TieWordEmbeddings { get; init; }
    public int BosTokenId { get; init; } = 1;
    public int EosTokenId { get; init; } = 2;

    public int HeadDim => HiddenSize / NumAttentionHeads;

    /// <summary>Throws <see cref="InvalidDataException"/> naming the field when the shape is impossible.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, string why)
        {
            if (!ok) throw new InvalidDataException($"config field '{field}': {why}");
        }
        Require(HiddenSize > 0, "hidden_size", "must be positive");
        Require(IntermediateSize > 0, "intermediate_size", "must be positive");
        Require(NumHiddenLayers > 0, "num_hidden_layers", "must be positive");
        Require(NumAttentionHeads > 0 && HiddenSize % NumAttentionHeads == 0, "num_attention_heads", $"must divide hidden_size ({HiddenSize})");
        Require(NumKeyValueHeads > 0 && NumAttentionHeads % NumKeyValueHeads == 0, "num_key_value_heads", $"must divide num_attention_heads ({NumAttentionHeads})");
        Require(Family == ModelFamily.Gpt2 || HeadDim % 2 == 0, "hidden_size", "head dimension must be even for rotary embeddings");
        Require(Family == ModelFamily.Llama || NumKeyValueHeads == NumAttentionHeads, "num_key_value_heads", "the GPT-2 variant has no grouped-query attention");
        Require(VocabSize > 0, "vocab_size", "must be positive");
        Require(MaxPositionEmbeddings > 0, "max_position_embeddings", "must be positive");
        Require(RmsNormEps > 0, "rms_norm_eps", "must be positive");
    }

    /// <summary>Serialises to Hugging Face <c>config.json</c> text.</summary>
    public string ToJson()
    {
        var o = new JsonObject();
        if (Family == ModelFamily.Llama)
        {
            o["architectures"] = new JsonArray("LlamaForCausalLM");
            o["model_type"] = "llama";
            o["rms_norm_eps"] = RmsNormEps;
            o["rope_theta"] = RopeTheta;
            o["hidden_act"] = "silu";
        }
        else
        {
            o["architectures"] = new JsonArray("SiftGpt2ForCausalLM");
            o["model_type"] = "sift_gpt2";
            o["layer_norm_epsilon"] = RmsNormEps;
            o["hidden_act"] = "gelu_pytorch_tanh";
        }
        o["hidden_size"] = HiddenSize;
        o["intermediate_size"] = IntermediateSize;
        o["num_hidden_layers"] = NumHiddenLayers;
        o["num_attention_heads"] = NumAttentionHeads;
        o["num_key_value_heads"] = NumKeyValueHeads;
        o["vocab_size"] = VocabSize;
        o["max_position_embeddings"] = MaxPositionEmbeddings;
        o["tie_word_embeddings"] = TieWordEmbeddings;
        o["bos_token_id"] = BosTokenId;
        o["eos_token_id"] = EosTokenId;
        o["torch_dtype"] = "float32";
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    /// <summary>Parses <c>config.json</c> text; <paramref name="source"/> names the file in errors.</summary>
    public static ModelConfig FromJson(string json, string source = "config.json")
    {
        JsonObject o;
        try
        {
            o = JsonNode.Parse(json) as JsonObject ?? throw new InvalidDataException($"{source}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not valid JSON ({e.Message})", e);
        }
        string modelType = o["model_type"]?.GetValue<string>() ?? "llama";
        var family = modelType switch
        {
            "llama" or "mistral" or "qwen2" => ModelFamily.Llama,
            "sift_gpt2" or "gpt2" => ModelFamily.Gpt2,
            _ => throw new InvalidDataException($"{source}: field 'model_type' is '{modelType}'; Sift reads llama (and llama-like) or sift_gpt2 configs"),
        };
        int Int(string key, int? fallback = null)
        {
            var node = o[key];
            if (node is null)
            {
                return fallback ?? throw new InvalidDataException($"{source}: missing field '{key}'");
            }
            try { return node.GetValue<int>(); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{source}: field '{key}' must be an integer, got {node.ToJsonString()}", e);
            }
        }
        double Double(string key, double fallback)
        {
            var node = o[key];
            if (node is null) return fallback;
            try { return node.GetValue<double>(); }
            catch (Exception e) when (e is FormatException or InvalidOperationException)
            {
                throw new InvalidDataException($"{source}: field '{key}' must be a number, got {node.ToJsonString()}", e);
            }
        }
        int heads = Int("num_attention_heads");
        var config = new ModelConfig
        {
            Family = family,
            HiddenSize = Int("hidden_size"),
            IntermediateSize = Int("intermediate_size"),
            NumHiddenLayers = Int("num_hidden_layers"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = Int("num_key_value_heads", heads),
            VocabSize = Int("vocab_size"),
            MaxPositionEmbeddings = Int("max_position_embeddings"),
            RopeTheta = Double("rope_theta", 10000.0),
            RmsNormEps = family == ModelFamily.Llama ? Double("rms_norm_eps", 1e-6) : Double("layer_norm_epsilon", 1e-5),
            TieWordEmbeddings = o["tie_word_embeddings"]?.GetValue<bool>() ?? family == ModelFamily.Gpt2,
            BosTokenId = Int("bos_token_id", 1),
            EosTokenId = Int("eos_token_id", 2),
        };
        config.Validate();
        return config;
    }
}
