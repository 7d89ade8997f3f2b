using Sift.Tensors.Memory;

namespace Sift.Model;

/// <summary>
/// The layout of every parameter of a model in one flat block: name → offset, shape, decay flag.
/// Tensors the engine multiplies together are laid out back to back (q/k/v projections, their
/// biases, gate/up projections) so one GEMM computes them all; every group starts 64-byte aligned.
/// Gradients and AdamW moments use the same layout in blocks of the same size.
/// </summary>
public sealed class ParameterTable
{
    private readonly List<ParameterInfo> _entries = [];
    private readonly Dictionary<string, ParameterInfo> _byName = new(StringComparer.Ordinal);
    private long _next;

    private ParameterTable()
    {
    }

    /// <summary>All parameters in layout order.</summary>
    public IReadOnlyList<ParameterInfo> Entries => _entries;

    /// <summary>Floats needed for the block.</summary>
    public long TotalSize => _next;

    /// <summary>Number of parameters (sum of sizes, padding excluded).</summary>
    public long ParameterCount => _entries.Sum(e => e.Size);

    /// <summary>Looks a parameter up; the error names the missing parameter.</summary>
    public ParameterInfo this[string name] => _byName.TryGetValue(name, out var p) ? p : throw new KeyNotFoundException($"model has no parameter '{name}'");

    public bool TryGet(string name, out ParameterInfo info) => _byName.TryGetValue(name, out info!);

    /// <summary>
    /// The layout docs/model-spec.md names for <paramref name="config"/>. Optional Llama-family
    /// tensors (biases, q/k norms) are added only when the config asks for them, so the layout of a
    /// plain model never changes.
    /// </summary>
    public static ParameterTable Build(ModelConfig config)
    {
        config.Validate();
        var t = new ParameterTable();
        int c = config.HiddenSize, f = config.IntermediateSize, d = config.HeadDim;
        int hq = config.NumAttentionHeads, hkv = config.NumKeyValueHeads;
        bool gpt2 = config.Family == ModelFamily.Gpt2;
        t.Add("model.embed_tokens.weight", config.VocabSize, c);
        if (gpt2) t.Add("model.embed_positions.weight", config.MaxPositionEmbeddings, c);
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            string p = $"model.layers.{i}.";
            t.Add(p + "input_layernorm.weight", c);
            if (gpt2) t.Add(p + "input_layernorm.bias", c);
            t.Group((p + "self_attn.q_proj.weight", [hq * d, c]), (p + "self_attn.k_proj.weight", [hkv * d, c]), (p + "self_attn.v_proj.weight", [hkv * d, c]));
            if (gpt2 || config.AttentionBias) t.Group((p + "self_attn.q_proj.bias", [hq * d]), (p + "self_attn.k_proj.bias", [hkv * d]), (p + "self_attn.v_proj.bias", [hkv * d]));
            if (config.QkNorm)
            {
                t.Add(p + "self_attn.q_norm.weight", d);
                t.Add(p + "self_attn.k_norm.weight", d);
            }
            t.Add(p + "self_attn.o_proj.weight", c, hq * d);
            if (gpt2 || config.AttentionOutputBias) t.Add(p + "self_attn.o_proj.bias", c);
            t.Add(p + "post_attention_layernorm.weight", c);
            if (gpt2) t.Add(p + "post_attention_layernorm.bias", c);
            if (gpt2)
            {
                t.Add(p + "mlp.up_proj.weight", f, c);
                t.Add(p + "mlp.up_proj.bias", f);
            }
            else
            {
                t.Group((p + "mlp.gate_proj.weight", [f, c]), (p + "mlp.up_proj.weight", [f, c]));
                if (config.MlpBias) t.Group((p + "mlp.gate_proj.bias", [f]), (p + "mlp.up_proj.bias", [f]));
            }
            t.Add(p + "mlp.down_proj.weight", c, f);
            if (gpt2 || config.MlpBias) t.Add(p + "mlp.down_proj.bias", c);
        }
        t.Add("model.norm.weight", c);
        if (gpt2) t.Add("model.norm.bias", c);
        if (!config.TieWordEmbeddings) t.Add("lm_head.weight", config.VocabSize, c);
        return t;
    }

    private void Add(string name, params int[] shape) => Group((name, shape));

    private void Group(params (string Name, int[] Shape)[] tensors)
    {
        _next = AlignedBlock.RoundUp(_next);
        foreach (var (name, shape) in tensors) Put(name, shape);
    }

    private void Put(string name, int[] shape)
    {
        var info = new ParameterInfo(name, _next, shape, shape.Length == 2);
        _entries.Add(info);
        _byName.Add(name, info);
        _next += info.Size;
    }
}
