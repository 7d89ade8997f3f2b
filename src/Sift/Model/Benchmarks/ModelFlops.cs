namespace Sift.Model.Benchmarks;

/// <summary>
/// The FLOP accounting shared with bench/torch_train.py: per training step
/// 6·N·tokens + 12·L·C·T·tokens, N = parameters without the position embeddings (a tied embedding
/// counts once, as the lm_head matmul; Kaplan et al. 2020, PaLM appendix B); the attention term
/// counts QKᵀ and AV forward and backward without halving for the causal mask. C there is the
/// attention width Hq·head_dim, which is hidden_size except where head_dim is set apart (Qwen3).
/// </summary>
public static class ModelFlops
{
    /// <summary>N: parameters that take part in matrix products (all but embed_positions).</summary>
    public static long MatmulParameters(ParameterTable table) =>
        table.ParameterCount - (table.TryGet("model.embed_positions.weight", out var p) ? p.Size : 0);

    /// <summary>FLOPs of one training step over batch × seq tokens.</summary>
    public static double TrainStep(ModelConfig config, ParameterTable table, int batch, int seq)
    {
        double tokens = (double)batch * seq;
        return 6.0 * MatmulParameters(table) * tokens + 12.0 * config.NumHiddenLayers * AttentionWidth(config) * seq * tokens;
    }

    /// <summary>Forward FLOPs of generating one token at context length <paramref name="context"/>: 2·N + 4·L·C·context.</summary>
    public static double DecodeToken(ModelConfig config, ParameterTable table, int context) =>
        2.0 * MatmulParameters(table) + 4.0 * config.NumHiddenLayers * AttentionWidth(config) * context;

    private static double AttentionWidth(ModelConfig config) => (double)config.NumAttentionHeads * config.HeadDim;
}
