using Sift.Model;
using Sift.Training;

namespace Sift.Tests.Model;

internal static class ModelTestData
{
    /// <summary>A tiny config of each family with GQA for Llama.</summary>
    public static ModelConfig Tiny(ModelFamily family) => family == ModelFamily.Llama
        ? new ModelConfig { Family = ModelFamily.Llama, HiddenSize = 32, IntermediateSize = 48, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 2, VocabSize = 40, MaxPositionEmbeddings = 32, TieWordEmbeddings = false, RmsNormEps = 1e-5 }
        : new ModelConfig { Family = ModelFamily.Gpt2, HiddenSize = 32, IntermediateSize = 64, NumHiddenLayers = 2, NumAttentionHeads = 4, NumKeyValueHeads = 4, VocabSize = 40, MaxPositionEmbeddings = 32, TieWordEmbeddings = true, RmsNormEps = 1e-5 };

    /// <summary>A fixed random batch; weight 0 on the first two positions of each row (a "prompt").</summary>
    public static MicroBatch Batch(int batch, int seq, int vocab, int seed)
    {
        var rng = new Random(seed);
        var tokens = new int[batch * seq];
        var targets = new int[batch * seq];
        var weights = new float[batch * seq];
        for (int i = 0; i < tokens.Length; i++)
        {
            tokens[i] = rng.Next(vocab);
            targets[i] = rng.Next(vocab);
            weights[i] = i % seq < 2 ? 0f : 1f;
        }
        return new MicroBatch(tokens, targets, weights, batch, seq);
    }
}
