namespace Sift.Model;

/// <summary>
/// Offsets of every tensor the forward/backward passes touch, resolved once from the
/// <see cref="ParameterTable"/> (−1 where a family has no such tensor). The same offsets index the
/// weight block and the gradient block.
/// </summary>
internal sealed class ModelLayout
{
    public ModelLayout(ModelConfig config, ParameterTable table)
    {
        Config = config;
        C = config.HiddenSize;
        F = config.IntermediateSize;
        D = config.HeadDim;
        Hq = config.NumAttentionHeads;
        Hkv = config.NumKeyValueHeads;
        V = config.VocabSize;
        L = config.NumHiddenLayers;
        Gpt2 = config.Family == ModelFamily.Gpt2;
        QkNorm = config.QkNorm;
        QkvWidth = (Hq + 2 * Hkv) * D;
        FcWidth = Gpt2 ? F : 2 * F;
        Eps = (float)config.RmsNormEps;
        long Off(string name) => table.TryGet(name, out var p) ? p.Offset : -1;
        Wte = Off("model.embed_tokens.weight");
        Wpe = Off("model.embed_positions.weight");
        NormW = Off("model.norm.weight");
        NormB = Off("model.norm.bias");
        LmHead = config.TieWordEmbeddings ? Wte : Off("lm_head.weight");
        Layers = new LayerOffsets[L];
        for (int i = 0; i < L; i++)
        {
            string p = $"model.layers.{i}.";
            Layers[i] = new LayerOffsets(
                Off(p + "input_layernorm.weight"), Off(p + "input_layernorm.bias"),
                Off(p + "self_attn.q_proj.weight"), Off(p + "self_attn.q_proj.bias"),
                Off(p + "self_attn.o_proj.weight"), Off(p + "self_attn.o_proj.bias"),
                Off(p + "post_attention_layernorm.weight"), Off(p + "post_attention_layernorm.bias"),
                Gpt2 ? Off(p + "mlp.up_proj.weight") : Off(p + "mlp.gate_proj.weight"), Gpt2 ? Off(p + "mlp.up_proj.bias") : Off(p + "mlp.gate_proj.bias"),
                Off(p + "mlp.down_proj.weight"), Off(p + "mlp.down_proj.bias"),
                Off(p + "self_attn.q_norm.weight"), Off(p + "self_attn.k_norm.weight"));
        }
    }

    public ModelConfig Config { get; }
    public int C { get; }
    public int F { get; }
    public int D { get; }
    public int Hq { get; }
    public int Hkv { get; }
    public int V { get; }
    public int L { get; }
    public bool Gpt2 { get; }

    /// <summary>Per-head RMSNorm of q and k before RoPE (qwen3).</summary>
    public bool QkNorm { get; }
    public float Eps { get; }

    /// <summary>Width of the fused q|k|v projection output: (Hq + 2·Hkv)·D.</summary>
    public int QkvWidth { get; }

    /// <summary>Width of the first MLP projection output: F (GPT-2) or 2F (gate|up, Llama).</summary>
    public int FcWidth { get; }

    public long Wte { get; }
    public long Wpe { get; }
    public long NormW { get; }
    public long NormB { get; }
    public long LmHead { get; }
    public LayerOffsets[] Layers { get; }

    /// <summary>A view of <paramref name="length"/> floats at <paramref name="offset"/>, or empty when offset is −1.</summary>
    public static unsafe Span<float> View(float* block, long offset, long length) => offset < 0 ? default : new Span<float>(block + offset, checked((int)length));
}

/// <summary>Offsets of one layer's tensors (−1 where absent). Fc/FcB start the fused gate|up (Llama) or up (GPT-2) weights/biases.</summary>
internal readonly record struct LayerOffsets(long Ln1W, long Ln1B, long Qkv, long QkvB, long O, long OB, long Ln2W, long Ln2B, long Fc, long FcB, long Down, long DownB, long QNorm, long KNorm);
