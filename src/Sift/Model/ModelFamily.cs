namespace Sift.Model;

/// <summary>The two decoder-only architectures the engine implements (docs/model-spec.md).</summary>
public enum ModelFamily
{
    /// <summary>RMSNorm, rotary positions, grouped-query attention, SwiGLU MLP, no biases.</summary>
    Llama,

    /// <summary>LayerNorm, learned positions, multi-head attention, GELU (tanh) MLP, biases everywhere.</summary>
    Gpt2,
}
