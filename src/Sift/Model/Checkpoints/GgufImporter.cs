using System.Globalization;
using Sift.IO;
using Sift.IO.Gguf;

namespace Sift.Model.Checkpoints;

/// <summary>
/// A GGUF model (llama.cpp's format; <c>general.architecture</c> "llama") as a Hugging Face model
/// directory: config.json from the <c>llama.*</c> metadata, model.safetensors under HF names with
/// the q/k rows permuted to HF's rotate_half order (<see cref="GgufRopePermutation"/>), F32, F16,
/// BF16 and Q8_0 tensors dequantised (F16/BF16 files stay F16/BF16, the others become F32),
/// generation_config.json with the tokenizer's bos/eos ids, and the tokenizer.json the caller made
/// from the metadata (Sift.Text.GgufTokenizerConverter; this layer knows no text). docs/gguf.md.
/// </summary>
public static class GgufImporter
{
    /// <summary>The config a GGUF file's metadata describes; errors name the file and the key.</summary>
    public static ModelConfig ReadConfig(GgufFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        string arch = file.GetString("general.architecture")
            ?? throw new InvalidDataException($"{file.Path}: metadata 'general.architecture' is missing; every GGUF model names its architecture");
        if (arch != "llama")
            throw new NotSupportedException($"{file.Path}: general.architecture is \"{arch}\"; sift import gguf reads \"llama\" models (Llama 1/2/3, Mistral, TinyLlama, SmolLM, llama2.c); import the original Hugging Face checkpoint instead");
        string P(string key) => arch + "." + key;
        int Int(string key, int? fallback = null)
        {
            long? v = file.GetInteger(P(key));
            if (v is null)
                return fallback ?? throw new InvalidDataException($"{file.Path}: metadata '{P(key)}' is missing; a {arch} GGUF must have it");
            if (v <= 0 || v > int.MaxValue) throw new InvalidDataException($"{file.Path}: metadata '{P(key)}' is {v}, not a positive size");
            return (int)v;
        }
        string? scaling = file.GetString(P("rope.scaling.type"));
        if (scaling is not null and not "none")
            throw new NotSupportedException($"{file.Path}: metadata '{P("rope.scaling.type")}' is \"{scaling}\"; Sift imports GGUF models without RoPE scaling only (take rope_scaling from the original config.json)");
        if (file.Contains("rope_freqs.weight"))
            throw new NotSupportedException($"{file.Path}: tensor 'rope_freqs.weight' (Llama 3.1 RoPE scaling factors) is not imported; import the original Hugging Face checkpoint instead");
        int hidden = Int("embedding_length"), heads = Int("attention.head_count");
        int headDim = Int("attention.key_length", hidden / heads);
        int ropeDim = Int("rope.dimension_count", headDim);
        if (ropeDim != headDim)
            throw new NotSupportedException($"{file.Path}: metadata '{P("rope.dimension_count")}' is {ropeDim} but the head dimension is {headDim}; partial rotary embeddings are not a llama model Sift runs");
        var embed = file.Contains("token_embd.weight") ? file.GetInfo("token_embd.weight")
            : throw new InvalidDataException($"{file.Path}: tensor 'token_embd.weight' is missing; a llama GGUF has its token embeddings there");
        int vocab = Int("vocab_size", (int)embed.Shape[0]);
        double eps = file.Get(P("attention.layer_norm_rms_epsilon")) is { Value: float f }
            // The file stores float32; its shortest decimal (1e-05, not 9.99999974e-06) is what config.json had.
            ? double.Parse(f.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : file.GetNumber(P("attention.layer_norm_rms_epsilon")) ?? 1e-5;
        double theta = file.Get(P("rope.freq_base")) is { Value: float t }
            ? double.Parse(t.ToString("R", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : file.GetNumber(P("rope.freq_base")) ?? 10000.0;
        int? Token(string key)
        {
            long? id = file.GetInteger(key);
            return id is null || id < 0 || id >= vocab ? null : (int)id;
        }
        int? bos = Token(GgufTokenizerKeys.BosId), eos = Token(GgufTokenizerKeys.EosId), pad = Token(GgufTokenizerKeys.PaddingId);
        string torchDtype = StorageDtype(file) switch { SafetensorsDtype.F16 => "float16", SafetensorsDtype.BF16 => "bfloat16", _ => "float32" };
        var config = new ModelConfig
        {
            Family = ModelFamily.Llama,
            ModelType = "llama",
            HiddenSize = hidden,
            IntermediateSize = Int("feed_forward_length"),
            NumHiddenLayers = Int("block_count"),
            NumAttentionHeads = heads,
            NumKeyValueHeads = Int("attention.head_count_kv", heads),
            VocabSize = vocab,
            MaxPositionEmbeddings = Int("context_length"),
            RopeTheta = theta,
            RmsNormEps = eps,
            TieWordEmbeddings = !file.Contains("output.weight"),
            BosTokenId = bos ?? 1,
            EosTokenId = eos ?? 2,
            PadTokenId = pad,
            AttentionBias = file.Contains("blk.0.attn_q.bias"),
            AttentionOutputBias = file.Contains("blk.0.attn_output.bias"),
            MlpBias = file.Contains("blk.0.ffn_up.bias"),
            TorchDtype = torchDtype,
            Generation = new GenerationConfig { BosTokenId = bos, EosTokenIds = eos is { } e ? [e] : [], PadTokenId = pad },
        };
        // head_dim goes to config.json only when it differs from hidden / heads, as HF writes it.
        if (headDim != hidden / heads) config = config with { HeadDim = headDim };
        try
        {
            config.Validate();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{file.Path}: the llama.* metadata gives an impossible model: {ex.Message}", ex);
        }
        return config;
    }

    /// <summary>Builds the model <paramref name="file"/> holds (weights in HF layout); the caller disposes it.</summary>
    public static TransformerModel Load(GgufFile file)
    {
        var config = ReadConfig(file);
        var model = new TransformerModel(config);
        try
        {
            var tensors = CheckpointNaming.Tensors(model);
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var t in tensors)
            {
                string gguf = GgufTensorNames.ToGguf(t.Name) ?? throw new InvalidOperationException($"no GGUF name for '{t.Name}'");
                if (!file.Contains(gguf))
                    throw new InvalidDataException($"{file.Path}: tensor '{gguf}' is missing; the llama metadata ({config.NumHiddenLayers} blocks) needs it for '{t.Name}' {t.ShapeText}");
                var info = file.GetInfo(gguf);
                if (!info.Shape.SequenceEqual(t.Shape.Select(d => (long)d)))
                    throw new InvalidDataException($"{file.Path}: tensor '{gguf}' has shape {info.ShapeText} (ggml ne [{string.Join(", ", info.Dimensions)}]) but the llama metadata needs {t.ShapeText}");
                var block = model.Weights.Slice(t.Offset, t.Size);
                file.ReadInto(gguf, block);
                int cols = t.Shape.Length == 2 ? t.Shape[1] : 1;
                int? heads = GgufTensorNames.IsQuery(t.Name) ? config.NumAttentionHeads : GgufTensorNames.IsKey(t.Name) ? config.NumKeyValueHeads : null;
                if (heads is { } h) GgufRopePermutation.ToHf(block, h, cols).CopyTo(block);
                used.Add(gguf);
            }
            foreach (var info in file.Tensors)
            {
                if (!used.Contains(info.Name))
                    throw new InvalidDataException($"{file.Path}: tensor '{info.Name}' {info.ShapeText} is not part of a llama model Sift runs (is the file another architecture labelled llama?)");
            }
            model.StorageDtype = StorageDtype(file);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The dtype the safetensors keep: F16 or BF16 when every matrix is stored so (llama.cpp keeps
    /// norms F32 in any file type; ModelDirectory writes F32 instead when a norm is off that grid),
    /// else F32 (Q8_0 and mixed files are dequantised, never rounded again).
    /// </summary>
    private static SafetensorsDtype StorageDtype(GgufFile file)
    {
        var types = file.Tensors.Where(t => t.Dimensions.Length >= 2).Select(t => t.Type).Distinct().ToList();
        return types.Count == 1 && types[0] == GgufTensorType.F16 ? SafetensorsDtype.F16
            : types.Count == 1 && types[0] == GgufTensorType.BF16 ? SafetensorsDtype.BF16
            : SafetensorsDtype.F32;
    }

    /// <summary>Writes the Hugging Face model directory of <paramref name="ggufPath"/> to <paramref name="directory"/> (atomically, replacing it).</summary>
    /// <param name="tokenizerJson">tokenizer.json text for the directory (from the GGUF metadata), or null for none.</param>
    public static ModelConfig Import(string ggufPath, string directory, string? tokenizerJson)
    {
        var file = GgufFile.Open(ggufPath);
        using var model = Load(file);
        ModelDirectory.Save(directory, model, tokenizerJson);
        return model.Config;
    }
}
