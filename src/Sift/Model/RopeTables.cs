using Sift.Tensors.Kernels;
using Sift.Tensors.Memory;

namespace Sift.Model;

/// <summary>
/// The cos/sin tables [maxSeq, D/2] of a config's rotary embedding, with its <c>rope_scaling</c>
/// applied to the inverse frequencies the way transformers' modeling_rope_utils.py does
/// (<c>_compute_linear_scaling_rope_parameters</c>, <c>_compute_llama3_parameters</c>; both return
/// attention_factor 1). Without scaling the tables are <see cref="RotaryEmbedding.BuildTables"/>'s,
/// bit for bit, so models trained from scratch keep their numerics.
/// </summary>
internal static class RopeTables
{
    /// <summary>A block holding cos then sin, each [maxSeq, D/2].</summary>
    public static AlignedBlock Build(ModelConfig config, int maxSeq)
    {
        int d = config.HeadDim, half = d / 2;
        var block = new AlignedBlock(2L * maxSeq * half);
        var cos = block.Slice(0, (long)maxSeq * half);
        var sin = block.Slice((long)maxSeq * half, (long)maxSeq * half);
        var s = config.RopeScaling;
        if (s is null || s.Type is "default" or "dynamic")
        {
            // dynamic NTK scaling changes inv_freq only past max_position_embeddings, which Sift never runs.
            RotaryEmbedding.BuildTables(maxSeq, d, config.RopeTheta, cos, sin);
            return block;
        }
        var invFreq = InverseFrequencies(config);
        for (int p = 0; p < maxSeq; p++)
        {
            for (int i = 0; i < half; i++)
            {
                // float32 angle, as LlamaRotaryEmbedding.forward computes inv_freq @ position_ids in float32.
                float angle = p * invFreq[i];
                cos[p * half + i] = MathF.Cos(angle);
                sin[p * half + i] = MathF.Sin(angle);
            }
        }
        return block;
    }

    /// <summary>The scaled inverse frequencies [D/2] (float32, as transformers keeps the inv_freq buffer).</summary>
    public static float[] InverseFrequencies(ModelConfig config)
    {
        int d = config.HeadDim, half = d / 2;
        var inv = new float[half];
        for (int i = 0; i < half; i++) inv[i] = (float)(1.0 / Math.Pow(config.RopeTheta, 2.0 * i / d));
        var s = config.RopeScaling;
        if (s is null || s.Type is "default" or "dynamic") return inv;
        float factor = (float)s.Factor;
        if (s.Type == "linear")
        {
            for (int i = 0; i < half; i++) inv[i] /= factor;
            return inv;
        }
        // llama3: wavelengths longer than original/low_freq_factor are slowed down by factor, those
        // shorter than original/high_freq_factor kept, the band between blended smoothly.
        float low = (float)s.LowFreqFactor, high = (float)s.HighFreqFactor, old = s.OriginalMaxPositionEmbeddings;
        float lowWavelen = old / low, highWavelen = old / high;
        for (int i = 0; i < half; i++)
        {
            float wavelen = (float)(2 * Math.PI) / inv[i];
            float scaled = wavelen > lowWavelen ? inv[i] / factor : inv[i];
            if (!(wavelen < highWavelen) && !(wavelen > lowWavelen))
            {
                float smooth = (old / wavelen - low) / (high - low);
                scaled = (1 - smooth) * scaled / factor + smooth * scaled;
            }
            inv[i] = scaled;
        }
        return inv;
    }
}
