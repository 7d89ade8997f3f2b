namespace Sift.Model;

/// <summary>
/// Transformer shape and architecture switches, named after Hugging Face's <c>config.json</c>
/// fields so real checkpoints map onto it (docs/model-spec.md). <see cref="ModelFamily.Llama"/>
/// covers the Llama-shaped model types (llama, mistral, qwen2, qwen3 and models such as SmolLM2 that
/// ship as llama); <see cref="ModelFamily.Gpt2"/> covers Sift's sift_gpt2 and Hugging Face gpt2.
/// Fields of config.json that Sift does not use are kept in <see cref="ExtraJson"/> and written back,
/// so a saved directory loads in transformers/vLLM as the same architecture.
/// </summary>
public sealed record ModelConfig
{
    private readonly string? _modelType;
    private readonly int? _headDim;
    private readonly TokenIdList? _eosIds;

    public ModelFamily Family { get; init; } = ModelFamily.Llama;

    /// <summary>config.json <c>model_type</c>: llama, mistral, qwen2, qwen3 (Llama family), sift_gpt2 or gpt2 (GPT-2 family).</summary>
    public string ModelType
    {
        get => _modelType ?? DefaultModelType(Family);
        init => _modelType = value == DefaultModelType(Family) ? null : value;
    }

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

    /// <summary>The first end-of-sequence id (config.json's <c>eos_token_id</c>, or the first of its list).</summary>
    public int EosTokenId { get; init; } = 2;

    /// <summary>Every id of config.json's <c>eos_token_id</c> (an int or a list), <see cref="EosTokenId"/> first.</summary>
    public IReadOnlyList<int> EosTokenIds
    {
        get
        {
            if (_eosIds is null) return new TokenIdList([EosTokenId]);
            return _eosIds.Count > 0 && _eosIds[0] == EosTokenId ? _eosIds : new TokenIdList(_eosIds.Prepend(EosTokenId).Distinct());
        }
        init => _eosIds = value.Count == 0 || (value.Count == 1 && value[0] == EosTokenId) ? null : new TokenIdList(value);
    }

    public int? PadTokenId { get; init; }

    /// <summary>
    /// Width of one attention head: config.json's <c>head_dim</c> when given (Qwen3, Mistral-Nemo,
    /// Gemma set it apart from hidden_size / heads), else hidden_size / num_attention_heads.
    /// </summary>
    public int HeadDim
    {
        get => _headDim ?? HiddenSize / NumAttentionHeads;
        init => _headDim = value;
    }

    /// <summary>True when <c>head_dim</c> was given explicitly (it is then written back).</summary>
    public bool HasExplicitHeadDim => _headDim is not null;

    /// <summary>Biases on q/k/v projections (llama/qwen3 <c>attention_bias</c>; always for qwen2). Llama family only; GPT-2 has every bias.</summary>
    public bool AttentionBias { get; init; }

    /// <summary>Bias on o_proj (llama/qwen3 <c>attention_bias</c>; never for qwen2). Llama family only.</summary>
    public bool AttentionOutputBias { get; init; }

    /// <summary>Biases on gate/up/down projections (llama <c>mlp_bias</c>). Llama family only.</summary>
    public bool MlpBias { get; init; }

    /// <summary>Per-head RMSNorm of queries and keys before RoPE (qwen3: <c>self_attn.q_norm</c>/<c>k_norm</c>, weights [head_dim]).</summary>
    public bool QkNorm { get; init; }

    /// <summary><c>rope_scaling</c> (null: plain RoPE).</summary>
    public RopeScaling? RopeScaling { get; init; }

    /// <summary>config.json <c>sliding_window</c> as read (mistral, qwen2, qwen3).</summary>
    public int? SlidingWindow { get; init; }

    /// <summary>config.json <c>use_sliding_window</c> (qwen2, qwen3; null when absent, which they read as false).</summary>
    public bool? UseSlidingWindow { get; init; }

    /// <summary>
    /// The attention window that applies, or null when attention sees the whole causal prefix:
    /// mistral's <c>sliding_window</c>; qwen2/qwen3's only with <c>use_sliding_window</c>.
    /// </summary>
    public int? EffectiveSlidingWindow => (UseSlidingWindow ?? ModelType == "mistral") ? SlidingWindow : null;

    /// <summary>config.json <c>torch_dtype</c> (the dtype the model is meant to run in), written back unchanged.</summary>
    public string TorchDtype { get; init; } = "float32";

    /// <summary>Every config.json field Sift does not use, as a compact JSON object (null when none); written back after Sift's own fields.</summary>
    public string? ExtraJson { get; init; }

    /// <summary>generation_config.json of the model directory, when it has one.</summary>
    public GenerationConfig? Generation { get; init; }

    /// <summary>Every id generation should stop on: generation_config.json's eos ids first, then config.json's.</summary>
    public IReadOnlyList<int> StopTokenIds => new TokenIdList((Generation?.EosTokenIds ?? []).Concat(EosTokenIds).Distinct());

    /// <summary>The model_type a family writes when none is set.</summary>
    public static string DefaultModelType(ModelFamily family) => family == ModelFamily.Llama ? "llama" : "sift_gpt2";

    /// <summary>Throws <see cref="InvalidDataException"/> naming the field when the shape is impossible.</summary>
    public void Validate()
    {
        static void Require(bool ok, string field, string why)
        {
            if (!ok) throw new InvalidDataException($"config field '{field}': {why}");
        }
        bool llama = Family == ModelFamily.Llama;
        Require(HiddenSize > 0, "hidden_size", "must be positive");
        Require(IntermediateSize > 0, "intermediate_size", "must be positive");
        Require(NumHiddenLayers > 0, "num_hidden_layers", "must be positive");
        Require(NumAttentionHeads > 0 && (_headDim is not null || HiddenSize % NumAttentionHeads == 0), "num_attention_heads", $"must divide hidden_size ({HiddenSize})");
        Require(HeadDim > 0, "head_dim", "must be positive");
        Require(NumKeyValueHeads > 0 && NumAttentionHeads % NumKeyValueHeads == 0, "num_key_value_heads", $"must divide num_attention_heads ({NumAttentionHeads})");
        Require(!llama || HeadDim % 2 == 0, _headDim is null ? "hidden_size" : "head_dim", "head dimension must be even for rotary embeddings");
        Require(llama || NumKeyValueHeads == NumAttentionHeads, "num_key_value_heads", "the GPT-2 variant has no grouped-query attention");
        Require(llama || HeadDim * NumAttentionHeads == HiddenSize, "head_dim", "the GPT-2 variant's heads split hidden_size exactly");
        Require(llama || !(QkNorm || AttentionBias || AttentionOutputBias || MlpBias || RopeScaling is not null), "model_type", "q/k norms, bias switches and rope_scaling belong to the Llama family (GPT-2 has every bias and no RoPE)");
        // Each model type fixes its switches (modeling_*.py), so config.json round-trips them faithfully.
        string type = ModelType;
        Require(llama ? type is "llama" or "mistral" or "qwen2" or "qwen3" : type is "gpt2" or "sift_gpt2", "model_type", $"'{type}' is not a {Family} model type");
        Require(!llama || QkNorm == (type == "qwen3"), "model_type", "q/k norms are qwen3's (and every qwen3 has them)");
        Require(!llama || type switch
        {
            "qwen2" => AttentionBias && !AttentionOutputBias && !MlpBias,
            "mistral" => !AttentionBias && !AttentionOutputBias && !MlpBias,
            "qwen3" => AttentionBias == AttentionOutputBias && !MlpBias,
            _ => AttentionBias == AttentionOutputBias,
        }, "attention_bias", $"{type} has q/k/v biases {(type == "qwen2" ? "and no o_proj bias" : type == "mistral" ? "never" : "exactly when o_proj has one")}{(type == "llama" ? "" : ", and no MLP biases")}");
        Require(VocabSize > 0, "vocab_size", "must be positive");
        Require(MaxPositionEmbeddings > 0, "max_position_embeddings", "must be positive");
        Require(RmsNormEps > 0, "rms_norm_eps", "must be positive");
        Require(SlidingWindow is null or > 0, "sliding_window", "must be positive or null");
        if (RopeScaling is { } s && s.Type != "default")
        {
            Require(s.Factor > 0, "rope_scaling.factor", "must be positive");
            if (s.Type == "llama3")
            {
                Require(s.OriginalMaxPositionEmbeddings > 0, "rope_scaling.original_max_position_embeddings", "must be positive");
                Require(s.LowFreqFactor > 0 && s.HighFreqFactor > s.LowFreqFactor, "rope_scaling.high_freq_factor", "must exceed low_freq_factor (both positive)");
            }
        }
    }

    /// <summary>
    /// Refuses a context the engine would compute wrongly: a sliding attention window shorter than
    /// <paramref name="context"/> (Sift attends to the whole causal prefix).
    /// </summary>
    public void CheckContext(int context)
    {
        if (EffectiveSlidingWindow is int w && context > w)
        {
            throw new ArgumentOutOfRangeException(nameof(context), $"config.json field 'sliding_window' is {w}, shorter than the context of {context} tokens; Sift does not implement sliding-window attention, so run with a context of at most {w} tokens");
        }
    }

    /// <summary>Serialises to Hugging Face <c>config.json</c> text (Sift's fields, then <see cref="ExtraJson"/>).</summary>
    public string ToJson() => ModelConfigJson.Write(this);

    /// <summary>Parses <c>config.json</c> text; <paramref name="source"/> names the file in errors.</summary>
    public static ModelConfig FromJson(string json, string source = "config.json") => ModelConfigJson.Read(json, source);
}
