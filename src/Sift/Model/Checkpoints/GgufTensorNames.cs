using System.Text.RegularExpressions;

namespace Sift.Model.Checkpoints;

/// <summary>
/// llama.cpp's tensor names (gguf-py <c>constants.py</c> MODEL_ARCH.LLAMA) ↔ Hugging Face Llama
/// names (docs/model-spec.md): <c>token_embd</c> ↔ <c>model.embed_tokens</c>, <c>blk.N.attn_q</c> ↔
/// <c>model.layers.N.self_attn.q_proj</c>, … Both sides store matrices as [out, in] row-major (GGUF's
/// ne = [in, out]), so only the names change, and the q/k rows (<see cref="GgufRopePermutation"/>).
/// </summary>
public static partial class GgufTensorNames
{
    private static readonly (string Gguf, string Hf)[] Global =
    [
        ("token_embd", "model.embed_tokens"),
        ("output_norm", "model.norm"),
        ("output", "lm_head"),
    ];

    private static readonly (string Gguf, string Hf)[] Block =
    [
        ("attn_norm", "input_layernorm"),
        ("attn_q", "self_attn.q_proj"),
        ("attn_k", "self_attn.k_proj"),
        ("attn_v", "self_attn.v_proj"),
        ("attn_output", "self_attn.o_proj"),
        ("ffn_norm", "post_attention_layernorm"),
        ("ffn_gate", "mlp.gate_proj"),
        ("ffn_up", "mlp.up_proj"),
        ("ffn_down", "mlp.down_proj"),
    ];

    /// <summary>The GGUF name of a Hugging Face Llama tensor name, or null when llama.cpp has none for it.</summary>
    public static string? ToGguf(string hfName)
    {
        foreach (var (g, h) in Global)
        {
            if (hfName.StartsWith(h + ".", StringComparison.Ordinal)) return g + hfName[h.Length..];
        }
        var m = HfLayer().Match(hfName);
        if (!m.Success) return null;
        foreach (var (g, h) in Block)
        {
            if (m.Groups[2].Value == h) return $"blk.{m.Groups[1].Value}.{g}.{m.Groups[3].Value}";
        }
        return null;
    }

    /// <summary>The Hugging Face Llama name of a GGUF tensor name, or null when Sift has no parameter for it.</summary>
    public static string? ToHf(string ggufName)
    {
        foreach (var (g, h) in Global)
        {
            if (ggufName.StartsWith(g + ".", StringComparison.Ordinal)) return h + ggufName[g.Length..];
        }
        var m = GgufBlock().Match(ggufName);
        if (!m.Success) return null;
        foreach (var (g, h) in Block)
        {
            if (m.Groups[2].Value == g) return $"model.layers.{m.Groups[1].Value}.{h}.{m.Groups[3].Value}";
        }
        return null;
    }

    /// <summary>Whether the tensor's rows carry RoPE pairs (q and k projections, weight or bias).</summary>
    public static bool IsQuery(string hfName) => hfName.Contains(".self_attn.q_proj.", StringComparison.Ordinal);

    /// <inheritdoc cref="IsQuery"/>
    public static bool IsKey(string hfName) => hfName.Contains(".self_attn.k_proj.", StringComparison.Ordinal);

    [GeneratedRegex(@"^model\.layers\.(\d+)\.(.+)\.(weight|bias)$")]
    private static partial Regex HfLayer();

    [GeneratedRegex(@"^blk\.(\d+)\.([a-z_]+)\.(weight|bias)$")]
    private static partial Regex GgufBlock();
}
