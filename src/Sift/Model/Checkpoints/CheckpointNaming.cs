namespace Sift.Model.Checkpoints;

/// <summary>
/// The tensor names a checkpoint of each model type uses. The Llama family (llama, mistral,
/// qwen2, qwen3) and sift_gpt2 store Sift's parameters under their own names (docs/model-spec.md).
/// Hugging Face gpt2 (modeling_gpt2.py) names them <c>[transformer.]h.{i}.attn.c_attn</c> etc. and
/// stores projections as Conv1D weights [in, out]; its fused c_attn [C, 3C] is the transpose of
/// Sift's q|k|v block, which the parameter table lays out back to back.
/// </summary>
public static class CheckpointNaming
{
    /// <summary>The prefix GPT2LMHeadModel.save_pretrained writes (GPT2Model files, e.g. the original "gpt2" repo, have none).</summary>
    public const string Gpt2Prefix = "transformer.";

    /// <summary>Every tensor a checkpoint of <paramref name="model"/>'s type holds, in parameter order.</summary>
    /// <param name="model">The model (config and layout).</param>
    /// <param name="gpt2Prefix">For HF gpt2: the prefix of the names ("" or <see cref="Gpt2Prefix"/>).</param>
    public static IReadOnlyList<CheckpointTensor> Tensors(TransformerModel model, string gpt2Prefix = Gpt2Prefix)
    {
        var config = model.Config;
        var table = model.Parameters;
        if (config.ModelType != "gpt2") return table.Entries.Select(p => new CheckpointTensor(p.Name, p.Shape, p.Offset, false)).ToList();
        int c = config.HiddenSize, f = config.IntermediateSize;
        string t = gpt2Prefix;
        var list = new List<CheckpointTensor>();
        void Same(string name, string parameter) => list.Add(new CheckpointTensor(t + name, table[parameter].Shape, table[parameter].Offset, false));
        void Conv(string name, string parameter, int inFeatures, int outFeatures) => list.Add(new CheckpointTensor(t + name, [inFeatures, outFeatures], table[parameter].Offset, true));
        void Fused(string name, string parameter, int size) => list.Add(new CheckpointTensor(t + name, [size], table[parameter].Offset, false));
        Same("wte.weight", "model.embed_tokens.weight");
        Same("wpe.weight", "model.embed_positions.weight");
        for (int i = 0; i < config.NumHiddenLayers; i++)
        {
            string h = $"h.{i}.", p = $"model.layers.{i}.";
            Same(h + "ln_1.weight", p + "input_layernorm.weight");
            Same(h + "ln_1.bias", p + "input_layernorm.bias");
            Conv(h + "attn.c_attn.weight", p + "self_attn.q_proj.weight", c, 3 * c);
            Fused(h + "attn.c_attn.bias", p + "self_attn.q_proj.bias", 3 * c);
            Conv(h + "attn.c_proj.weight", p + "self_attn.o_proj.weight", c, c);
            Same(h + "attn.c_proj.bias", p + "self_attn.o_proj.bias");
            Same(h + "ln_2.weight", p + "post_attention_layernorm.weight");
            Same(h + "ln_2.bias", p + "post_attention_layernorm.bias");
            Conv(h + "mlp.c_fc.weight", p + "mlp.up_proj.weight", c, f);
            Same(h + "mlp.c_fc.bias", p + "mlp.up_proj.bias");
            Conv(h + "mlp.c_proj.weight", p + "mlp.down_proj.weight", f, c);
            Same(h + "mlp.c_proj.bias", p + "mlp.down_proj.bias");
        }
        Same("ln_f.weight", "model.norm.weight");
        Same("ln_f.bias", "model.norm.bias");
        if (!config.TieWordEmbeddings) list.Add(new CheckpointTensor("lm_head.weight", table["lm_head.weight"].Shape, table["lm_head.weight"].Offset, false));
        return list;
    }

    /// <summary>
    /// Tensors a checkpoint may hold that are not weights (so loading skips them): a redundant
    /// lm_head.weight next to tied embeddings, rotary inv_freq buffers (older Llama saves), GPT-2's
    /// causal-mask buffers <c>attn.bias</c> / <c>attn.masked_bias</c>.
    /// </summary>
    public static bool IsIgnorable(string name, ModelConfig config) =>
        (name == "lm_head.weight" && config.TieWordEmbeddings)
        || name.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal)
        || (config.ModelType == "gpt2" && (name.EndsWith(".attn.bias", StringComparison.Ordinal) || name.EndsWith(".attn.masked_bias", StringComparison.Ordinal)));
}
