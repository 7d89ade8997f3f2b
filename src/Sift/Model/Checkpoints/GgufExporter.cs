using Sift.IO;
using Sift.IO.Gguf;

namespace Sift.Model.Checkpoints;

/// <summary>
/// A Hugging Face Llama model (a <see cref="TransformerModel"/>, e.g. one Sift fine-tuned) as a
/// GGUF v3 file llama.cpp and Ollama load: <c>general.architecture</c> "llama", the <c>llama.*</c>
/// hyperparameters, the tokenizer metadata the caller gives (Sift.Text.GgufTokenizerConverter),
/// and every tensor under llama.cpp's name with the q/k rows permuted back to GGUF's interleaved
/// RoPE order (<see cref="GgufRopePermutation"/>), stored as F32, F16, BF16 or Q8_0. Norm weights stay
/// F32 as llama.cpp's converter keeps 1-D tensors. docs/gguf.md.
/// </summary>
public static class GgufExporter
{
    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="tensorType">F32, F16, BF16 or Q8_0 for the matrices.</param>
    /// <param name="tokenizer">tokenizer.* metadata, or empty (llama.cpp then cannot tokenize text).</param>
    /// <param name="name">general.name.</param>
    public static void Export(TransformerModel model, string path, GgufTensorType tensorType, IReadOnlyCollection<KeyValuePair<string, GgufValue>> tokenizer, string name = "sift")
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var c = model.Config;
        if (c.Family != ModelFamily.Llama || c.ModelType is not ("llama" or "mistral"))
            throw new NotSupportedException($"model_type {c.ModelType}: sift export gguf writes llama models (and mistral without a sliding window); use llama.cpp's convert_hf_to_gguf.py for other architectures");
        if (c.EffectiveSlidingWindow is not null)
            throw new NotSupportedException($"model_type {c.ModelType} with sliding_window {c.EffectiveSlidingWindow}: llama GGUF has no sliding window; use llama.cpp's convert_hf_to_gguf.py");
        if (c.RopeScaling is not null)
            throw new NotSupportedException("config.json rope_scaling is set; sift export gguf writes models without RoPE scaling only; use llama.cpp's convert_hf_to_gguf.py");
        if (!GgufTensorTypes.IsWritable(tensorType))
            throw new ArgumentException($"--dtype {tensorType}: sift export gguf writes F32, F16, BF16 or Q8_0", nameof(tensorType));
        var w = new GgufWriter()
            .Add("general.architecture", GgufValue.Of("llama"))
            .Add("general.name", GgufValue.Of(name))
            .Add("general.alignment", GgufValue.Of((uint)GgufFile.DefaultAlignment))
            .Add("general.file_type", GgufValue.Of(FileType(tensorType)))
            .Add("llama.vocab_size", GgufValue.Of((uint)c.VocabSize))
            .Add("llama.context_length", GgufValue.Of((uint)c.MaxPositionEmbeddings))
            .Add("llama.embedding_length", GgufValue.Of((uint)c.HiddenSize))
            .Add("llama.block_count", GgufValue.Of((uint)c.NumHiddenLayers))
            .Add("llama.feed_forward_length", GgufValue.Of((uint)c.IntermediateSize))
            .Add("llama.attention.head_count", GgufValue.Of((uint)c.NumAttentionHeads))
            .Add("llama.attention.head_count_kv", GgufValue.Of((uint)c.NumKeyValueHeads))
            .Add("llama.rope.dimension_count", GgufValue.Of((uint)c.HeadDim))
            .Add("llama.rope.freq_base", GgufValue.Of((float)c.RopeTheta))
            .Add("llama.attention.layer_norm_rms_epsilon", GgufValue.Of((float)c.RmsNormEps));
        if (c.HasExplicitHeadDim)
        {
            w.Add("llama.attention.key_length", GgufValue.Of((uint)c.HeadDim));
            w.Add("llama.attention.value_length", GgufValue.Of((uint)c.HeadDim));
        }
        foreach (var (key, value) in tokenizer) w.Add(key, value);
        PadVocabulary(w, tokenizer, c.VocabSize);
        int? pad = c.Generation?.PadTokenId ?? c.PadTokenId;
        if (pad is { } p && !tokenizer.Any(kv => kv.Key == GgufTokenizerKeys.PaddingId)) w.Add(GgufTokenizerKeys.PaddingId, GgufValue.Of((uint)p));
        foreach (var t in CheckpointNaming.Tensors(model))
        {
            string gguf = GgufTensorNames.ToGguf(t.Name) ?? throw new NotSupportedException($"tensor '{t.Name}' has no llama.cpp name");
            var info = t;
            int cols = t.Shape.Length == 2 ? t.Shape[1] : 1;
            int? heads = GgufTensorNames.IsQuery(t.Name) ? c.NumAttentionHeads : GgufTensorNames.IsKey(t.Name) ? c.NumKeyValueHeads : null;
            FloatSpanSource source = heads is { } h
                ? () => GgufRopePermutation.ToGguf(model.Weights.Slice(info.Offset, info.Size), h, cols)
                : () => model.Weights.Slice(info.Offset, info.Size);
            // llama.cpp keeps 1-D tensors (norms, biases) F32 whatever the file type; a matrix whose
            // rows do not split into Q8_0 blocks falls back to F16, as its converter does.
            var type = t.Shape.Length == 1 ? GgufTensorType.F32
                : tensorType == GgufTensorType.Q8_0 && t.Shape[1] % GgufTensorTypes.Q8_0BlockSize != 0 ? GgufTensorType.F16
                : tensorType;
            w.AddTensor(gguf, t.Shape.Select(d => (long)d).ToArray(), source, type);
        }
        w.Save(path);
    }

    /// <summary>Loads the model directory <paramref name="directory"/> and exports it (<see cref="Export(TransformerModel, string, GgufTensorType, IReadOnlyCollection{KeyValuePair{string, GgufValue}}, string)"/>).</summary>
    public static void Export(string directory, string path, GgufTensorType tensorType, IReadOnlyCollection<KeyValuePair<string, GgufValue>> tokenizer)
    {
        using var model = ModelDirectory.Load(directory);
        Export(model, path, tensorType, tokenizer, Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))));
    }

    /// <summary>
    /// llama.cpp needs one token per embedding row. A tokenizer shorter than vocab_size (HF models pad
    /// the embedding) gets <c>[PAD{i}]</c> tokens of type unused, as llama.cpp's convert_hf_to_gguf.py
    /// writes them; a longer one cannot be served by this model.
    /// </summary>
    private static void PadVocabulary(GgufWriter w, IReadOnlyCollection<KeyValuePair<string, GgufValue>> tokenizer, int vocab)
    {
        var meta = tokenizer.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (!meta.TryGetValue(GgufTokenizerKeys.Tokens, out var tokensValue) || tokensValue.Value is not string[] tokens) return;
        if (tokens.Length > vocab)
            throw new InvalidDataException($"tokenizer.json has {tokens.Length} tokens but config.json vocab_size is {vocab}; llama.cpp needs an embedding row per token (resize the embeddings or fix the tokenizer)");
        if (tokens.Length == vocab) return;
        int n = tokens.Length;
        w.Add(GgufTokenizerKeys.Tokens, GgufValue.ArrayOf([.. tokens, .. Enumerable.Range(n, vocab - n).Select(i => $"[PAD{i}]")]));
        if (meta.TryGetValue(GgufTokenizerKeys.Scores, out var s) && s.Value is float[] scores)
            w.Add(GgufTokenizerKeys.Scores, GgufValue.ArrayOf([.. scores, .. new float[vocab - n]]));
        if (meta.TryGetValue(GgufTokenizerKeys.TokenType, out var t) && t.Value is int[] types)
            w.Add(GgufTokenizerKeys.TokenType, GgufValue.ArrayOf([.. types, .. Enumerable.Repeat(GgufTokenType.Unused, vocab - n)]));
    }

    // llama_ftype: ALL_F32 = 0, MOSTLY_F16 = 1, MOSTLY_Q8_0 = 7, MOSTLY_BF16 = 32.
    private static uint FileType(GgufTensorType type) => type switch
    {
        GgufTensorType.F16 => 1,
        GgufTensorType.Q8_0 => 7,
        GgufTensorType.BF16 => 32,
        _ => 0,
    };
}
