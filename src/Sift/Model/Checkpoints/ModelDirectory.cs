using Sift.IO;
using Sift.Tensors;

namespace Sift.Model.Checkpoints;

/// <summary>
/// A model directory laid out like Hugging Face's: <c>config.json</c>, <c>model.safetensors</c>
/// (written F32; read F32, F16 or BF16) and optionally <c>tokenizer.json</c>. Training state
/// (optimizer moments, step, data position) is added by <see cref="Training.TrainStepCheckpoint"/>.
/// Every file is written atomically (temp + rename); a truncated or foreign file, or weights that
/// do not fit the config, fail with an error naming the file and the tensor.
/// </summary>
public static class ModelDirectory
{
    public const string ConfigFile = CheckpointFiles.Config;
    public const string WeightsFile = CheckpointFiles.Weights;
    public const string TokenizerFile = CheckpointFiles.Tokenizer;

    /// <summary>
    /// Saves the model as the directory <paramref name="directory"/>, replacing it as a whole and
    /// atomically (<see cref="AtomicDirectory"/>: readers see the old or the complete new one).
    /// </summary>
    /// <param name="directory">The model directory (its parent is created when missing).</param>
    /// <param name="model">The model to save.</param>
    /// <param name="tokenizerJson">Hugging Face tokenizer.json text, or null to leave it out.</param>
    public static void Save(string directory, TransformerModel model, string? tokenizerJson = null)
    {
        using var staged = AtomicDirectory.Begin(directory);
        WriteFiles(staged.StagingPath, model, tokenizerJson);
        staged.Commit();
    }

    /// <summary>Writes config.json, model.safetensors and (when given) tokenizer.json into an existing directory, each file atomically.</summary>
    public static void WriteFiles(string directory, TransformerModel model, string? tokenizerJson = null)
    {
        Directory.CreateDirectory(directory);
        var writer = new SafetensorsWriter();
        foreach (var p in model.Parameters.Entries)
        {
            var info = p;
            writer.Add(p.Name, info.Shape.Select(d => (long)d).ToArray(), () => model.Weights.Slice(info.Offset, info.Size));
        }
        writer.AddMetadata("format", "pt");
        writer.Save(Path.Combine(directory, WeightsFile));
        if (tokenizerJson is not null) AtomicFile.WriteAllText(Path.Combine(directory, TokenizerFile), tokenizerJson);
        // config.json last: a directory with a config has complete weights.
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), model.Config.ToJson());
    }

    /// <summary>Reads the config of a model directory.</summary>
    public static ModelConfig ReadConfig(string directory)
    {
        string path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: missing; '{directory}' is not a model directory", path);
        return ModelConfig.FromJson(File.ReadAllText(path), path);
    }

    /// <summary>Builds the model a directory describes and loads its weights.</summary>
    public static TransformerModel Load(string directory, IGemm? gemm = null)
    {
        var config = ReadConfig(directory);
        var model = new TransformerModel(config, gemm);
        try
        {
            LoadWeights(Path.Combine(directory, WeightsFile), model);
            return model;
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads every parameter of <paramref name="model"/> from a safetensors file (F32/F16/BF16).
    /// Every parameter must be present with its exact shape; an unknown tensor is an error (a
    /// foreign checkpoint), except a redundant lm_head.weight next to tied embeddings.
    /// </summary>
    public static void LoadWeights(string path, TransformerModel model)
    {
        using var file = SafetensorsFile.Open(path);
        var table = model.Parameters;
        foreach (var t in file.Tensors)
        {
            if (!table.TryGet(t.Name, out _) && !(t.Name == "lm_head.weight" && model.Config.TieWordEmbeddings))
            {
                throw new InvalidDataException($"{path}: tensor '{t.Name}' {t.ShapeText} is not a parameter of this {model.Config.Family} model (is the file from another architecture or config?)");
            }
        }
        foreach (var p in table.Entries)
        {
            if (!file.TryGetInfo(p.Name, out var info))
            {
                throw new InvalidDataException($"{path}: missing tensor '{p.Name}' {p.ShapeText} required by the config");
            }
            if (!info.Shape.SequenceEqual(p.Shape.Select(d => (long)d)))
            {
                throw new InvalidDataException($"{path}: tensor '{p.Name}' has shape {info.ShapeText} but the config needs {p.ShapeText} (config and weights do not match)");
            }
            file.ReadInto(p.Name, model.Weights.Slice(p.Offset, p.Size));
        }
    }
}
