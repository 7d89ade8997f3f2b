using Sift.IO;
using Sift.Model;
using Sift.Text;

namespace Sift.Runs;

/// <summary>
/// A saved model as Hugging Face lays it out (DESIGN.md, "Data flow"): <c>config.json</c>,
/// <c>model.safetensors</c> (float32, HF parameter names) and <c>tokenizer.json</c>. Each file is
/// written atomically; <see cref="Save"/> writes the weights last-but-one and a <c>complete</c>
/// marker last, so a directory without the marker (a kill mid-save) is never loaded as a model.
/// </summary>
public static class ModelDirectory
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string TokenizerFile = "tokenizer.json";
    private const string CompleteMarker = "complete";

    /// <summary>Writes <paramref name="model"/> and <paramref name="tokenizer"/> to <paramref name="directory"/>.</summary>
    public static void Save(string directory, TransformerModel model, BpeTokenizer tokenizer)
    {
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, CompleteMarker);
        if (File.Exists(marker)) File.Delete(marker);
        AtomicFile.WriteAllText(Path.Combine(directory, ConfigFile), model.Config.ToJson());
        tokenizer.Save(Path.Combine(directory, TokenizerFile));
        WeightsWriter(model).Save(Path.Combine(directory, WeightsFile));
        AtomicFile.WriteAllText(marker, "ok\n");
    }

    /// <summary>A safetensors writer over the model's weights (HF names and shapes, no copy).</summary>
    public static SafetensorsWriter WeightsWriter(TransformerModel model)
    {
        var writer = new SafetensorsWriter();
        foreach (var p in model.Parameters.Entries)
        {
            var info = p;
            writer.Add(info.Name, info.Shape.Select(d => (long)d).ToArray(), () => model.Weights.Slice(info.Offset, info.Size));
        }
        return writer;
    }

    /// <summary>True when <see cref="Save"/> finished writing <paramref name="directory"/>.</summary>
    public static bool IsComplete(string directory) => File.Exists(Path.Combine(directory, CompleteMarker));

    /// <summary>Loads the model and its tokenizer; errors name the file and what is missing.</summary>
    public static (TransformerModel Model, BpeTokenizer Tokenizer) Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: model directory not found");
        var configPath = Path.Combine(directory, ConfigFile);
        var weightsPath = Path.Combine(directory, WeightsFile);
        var tokenizerPath = Path.Combine(directory, TokenizerFile);
        foreach (var required in new[] { configPath, weightsPath, tokenizerPath })
        {
            if (!File.Exists(required)) throw new FileNotFoundException($"{required}: missing; a model directory needs {ConfigFile}, {WeightsFile} and {TokenizerFile}", required);
        }
        var config = ModelConfig.FromJson(File.ReadAllText(configPath), configPath);
        var tokenizer = BpeTokenizer.Load(tokenizerPath);
        if (tokenizer.VocabSize > config.VocabSize)
        {
            throw new InvalidDataException($"{tokenizerPath}: {tokenizer.VocabSize} tokens but {configPath} has vocab_size {config.VocabSize}");
        }
        var model = new TransformerModel(config);
        try
        {
            LoadWeights(weightsPath, model);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        return (model, tokenizer);
    }

    /// <summary>Reads every parameter of <paramref name="model"/> from a safetensors file (shapes checked).</summary>
    public static void LoadWeights(string path, TransformerModel model)
    {
        using var file = SafetensorsFile.Open(path);
        foreach (var p in model.Parameters.Entries)
        {
            if (!file.TryGetInfo(p.Name, out var info)) throw new InvalidDataException($"{path}: tensor '{p.Name}' is missing");
            if (!info.Shape.SequenceEqual(p.Shape.Select(d => (long)d))) throw new InvalidDataException($"{path}: tensor '{p.Name}' has shape [{string.Join(", ", info.Shape)}], the config needs {p.ShapeText}");
            file.ReadInto(p.Name, model.Weights.Slice(p.Offset, p.Size));
        }
    }
}
