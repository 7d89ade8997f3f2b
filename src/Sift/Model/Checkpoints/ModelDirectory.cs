using Sift.IO;
using Sift.Tensors;

namespace Sift.Model.Checkpoints;

/// <summary>
/// A model directory laid out like Hugging Face's: <c>config.json</c>, the weights
/// (<c>model.safetensors</c>, or shards listed by <c>model.safetensors.index.json</c>; F32, F16 or
/// BF16), optionally <c>generation_config.json</c> and <c>tokenizer.json</c>. Tensor names follow
/// the model type (<see cref="CheckpointNaming"/>: Sift's names, or HF GPT-2's Conv1D layout).
/// Saving keeps the dtype the weights came in and every config field Sift does not use, so a
/// directory loads back bit-exact and in transformers/vLLM as the same architecture. Training state
/// (optimizer moments, step, data position) is added by <see cref="Training.TrainStepCheckpoint"/>.
/// Every file is written atomically (temp + rename); a truncated or foreign file, or weights that
/// do not fit the config, fail with an error naming the file and the tensor.
/// </summary>
public static class ModelDirectory
{
    public const string ConfigFile = CheckpointFiles.Config;
    public const string WeightsFile = CheckpointFiles.Weights;
    public const string IndexFile = SafetensorsCheckpoint.IndexFile;
    public const string TokenizerFile = CheckpointFiles.Tokenizer;
    public const string GenerationConfigFile = GenerationConfig.FileName;

    /// <summary>
    /// Saves the model as the directory <paramref name="directory"/>, replacing it as a whole and
    /// atomically (<see cref="AtomicDirectory"/>: readers see the old or the complete new one).
    /// </summary>
    /// <param name="directory">The model directory (its parent is created when missing).</param>
    /// <param name="model">The model to save.</param>
    /// <param name="tokenizerJson">Hugging Face tokenizer.json text, or null to leave it out.</param>
    /// <param name="options">Dtype and shard size (default: keep the loaded dtype, 5 GB shards).</param>
    public static void Save(string directory, TransformerModel model, string? tokenizerJson = null, ModelSaveOptions? options = null)
    {
        using var staged = AtomicDirectory.Begin(directory);
        WriteFiles(staged.StagingPath, model, tokenizerJson, options);
        staged.Commit();
    }

    /// <summary>Writes the weights, generation_config.json and tokenizer.json (when there), then config.json into an existing directory, each file atomically.</summary>
    public static void WriteFiles(string directory, TransformerModel model, string? tokenizerJson = null, ModelSaveOptions? options = null)
    {
        options ??= new ModelSaveOptions();
        Directory.CreateDirectory(directory);
        var config = model.Config;
        var tensors = CheckpointNaming.Tensors(model);
        var dtype = options.Dtype ?? model.StorageDtype;
        if (options.Dtype is null && dtype != SafetensorsDtype.F32 && !tensors.All(t => Representable(model.Weights.Slice(t.Offset, t.Size), dtype))) dtype = SafetensorsDtype.F32;
        if (options.Dtype is { } asked) config = config with { TorchDtype = TorchDtypeName(asked) };
        var writer = new SafetensorsShardedWriter();
        foreach (var t in tensors)
        {
            var info = t;
            if (!info.Transposed)
            {
                writer.Add(info.Name, info.Shape.Select(d => (long)d).ToArray(), () => model.Weights.Slice(info.Offset, info.Size), dtype);
                continue;
            }
            writer.Add(info.Name, info.Shape.Select(d => (long)d).ToArray(), () =>
            {
                // The block holds [Shape[1], Shape[0]]; the file wants its transpose.
                var block = model.Weights.Slice(info.Offset, info.Size);
                int rows = info.Shape[0], cols = info.Shape[1];
                var file = new float[info.Size];
                for (int r = 0; r < cols; r++)
                {
                    for (int k = 0; k < rows; k++) file[(long)k * cols + r] = block[r * rows + k];
                }
                return file;
            }, dtype);
        }
        writer.AddMetadata("format", "pt");
        writer.Save(directory, options.MaxShardBytes);
        string generationPath = Path.Combine(directory, GenerationConfigFile);
        if (config.Generation is { } generation) AtomicFile.WriteAllText(generationPath, generation.ToJson());
        else if (File.Exists(generationPath)) File.Delete(generationPath);
        if (tokenizerJson is not null) AtomicFile.WriteAllText(Path.Combine(directory, TokenizerFile), tokenizerJson);
        // config.json last: a directory with a config has complete weights.
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), config.ToJson());
    }

    /// <summary>Reads the config of a model directory, with its generation_config.json when there is one.</summary>
    public static ModelConfig ReadConfig(string directory)
    {
        string path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: missing; '{directory}' is not a model directory", path);
        var config = ModelConfig.FromJson(File.ReadAllText(path), path);
        string generationPath = Path.Combine(directory, GenerationConfigFile);
        if (File.Exists(generationPath)) config = config with { Generation = GenerationConfig.FromJson(File.ReadAllText(generationPath), generationPath) };
        return config;
    }

    /// <summary>Builds the model a directory describes and loads its weights (single file or sharded).</summary>
    public static TransformerModel Load(string directory, IGemm? gemm = null)
    {
        var config = ReadConfig(directory);
        using var checkpoint = SafetensorsCheckpoint.Open(directory);
        var model = new TransformerModel(config, gemm);
        try
        {
            LoadWeights(checkpoint, model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads every parameter of <paramref name="model"/> from a safetensors file, a model directory,
    /// or <c>dir/model.safetensors</c> of a directory that is sharded instead.
    /// </summary>
    public static void LoadWeights(string path, TransformerModel model)
    {
        string? dir = Path.GetDirectoryName(Path.GetFullPath(path));
        using var checkpoint = Directory.Exists(path) ? SafetensorsCheckpoint.Open(path)
            : !File.Exists(path) && dir is not null && File.Exists(Path.Combine(dir, IndexFile)) ? SafetensorsCheckpoint.Open(dir)
            : SafetensorsCheckpoint.OpenFile(path);
        LoadWeights(checkpoint, model);
    }

    /// <summary>
    /// Loads every parameter of <paramref name="model"/> from <paramref name="checkpoint"/> (F32/F16/BF16)
    /// and records the dtype it came in (<see cref="TransformerModel.StorageDtype"/>). Every tensor
    /// the model type names must be present with its exact shape; an unknown tensor is an error (a
    /// foreign checkpoint), except buffers that hold no weights (<see cref="CheckpointNaming.IsIgnorable"/>).
    /// </summary>
    public static void LoadWeights(SafetensorsCheckpoint checkpoint, TransformerModel model)
    {
        var config = model.Config;
        string prefix = config.ModelType == "gpt2" && !checkpoint.Names.Any(n => n.StartsWith(CheckpointNaming.Gpt2Prefix, StringComparison.Ordinal)) ? "" : CheckpointNaming.Gpt2Prefix;
        var tensors = CheckpointNaming.Tensors(model, prefix);
        var expected = tensors.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        foreach (string name in checkpoint.Names)
        {
            if (!expected.Contains(name) && !CheckpointNaming.IsIgnorable(name, config))
            {
                var info = checkpoint.GetInfo(name);
                throw new InvalidDataException($"{checkpoint.PathOf(name)}: tensor '{name}' {info.ShapeText} is not a parameter of this {config.ModelType} model (is the file from another architecture or config?)");
            }
        }
        var dtypes = new HashSet<SafetensorsDtype>();
        float[]? scratch = null;
        foreach (var t in tensors)
        {
            if (!checkpoint.Contains(t.Name))
            {
                throw new InvalidDataException($"{checkpoint.Source}: missing tensor '{t.Name}' {t.ShapeText} required by config.json (model_type {config.ModelType})");
            }
            var info = checkpoint.GetInfo(t.Name);
            if (!info.Shape.SequenceEqual(t.Shape.Select(d => (long)d)))
            {
                throw new InvalidDataException($"{checkpoint.PathOf(t.Name)}: tensor '{t.Name}' has shape {info.ShapeText} but config.json needs {t.ShapeText} (config and weights do not match)");
            }
            dtypes.Add(info.Dtype);
            var block = model.Weights.Slice(t.Offset, t.Size);
            if (!t.Transposed)
            {
                checkpoint.ReadInto(t.Name, block);
                continue;
            }
            if (scratch is null || scratch.Length < t.Size) scratch = new float[t.Size];
            var file = scratch.AsSpan(0, (int)t.Size);
            checkpoint.ReadInto(t.Name, file);
            int rows = t.Shape[0], cols = t.Shape[1];
            for (int r = 0; r < cols; r++)
            {
                for (int k = 0; k < rows; k++) block[r * rows + k] = file[k * cols + r];
            }
        }
        model.StorageDtype = dtypes.Count == 1 && dtypes.First() is SafetensorsDtype.BF16 or SafetensorsDtype.F16 ? dtypes.First() : SafetensorsDtype.F32;
    }

    private static bool Representable(ReadOnlySpan<float> values, SafetensorsDtype dtype)
    {
        foreach (float v in values)
        {
            uint bits = BitConverter.SingleToUInt32Bits(v);
            bool ok = dtype == SafetensorsDtype.BF16
                ? (bits & 0xFFFF) == 0
                : BitConverter.SingleToUInt32Bits((float)(Half)v) == bits;
            if (!ok) return false;
        }
        return true;
    }

    private static string TorchDtypeName(SafetensorsDtype dtype) => dtype switch
    {
        SafetensorsDtype.BF16 => "bfloat16",
        SafetensorsDtype.F16 => "float16",
        _ => "float32",
    };
}
