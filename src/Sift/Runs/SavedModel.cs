using Sift.IO;
using Sift.Model;
using Sift.Text;

namespace Sift.Runs;

/// <summary>
/// A saved model with its tokenizer, as pipelines use it: the engine's model directory
/// (<see cref="Sift.Model.Checkpoints.ModelDirectory"/>: <c>config.json</c>, <c>model.safetensors</c>
/// or shards with <c>model.safetensors.index.json</c>, <c>generation_config.json</c> when the model has
/// one, <c>tokenizer.json</c>, each written atomically) plus a <c>complete</c> marker written last, so a
/// pipeline stage killed mid-save is redone rather than skipped. A Hugging Face directory loads as it is.
/// </summary>
public static class SavedModel
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string TokenizerFile = "tokenizer.json";
    private const string CompleteMarker = "complete";

    /// <summary>Writes <paramref name="model"/> and <paramref name="tokenizer"/> to <paramref name="directory"/> (the engine's format), then the marker.</summary>
    public static void Save(string directory, TransformerModel model, BpeTokenizer tokenizer)
    {
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, CompleteMarker);
        if (File.Exists(marker)) File.Delete(marker);
        Sift.Model.Checkpoints.ModelDirectory.Save(directory, model, tokenizer.ToJson());
        AtomicFile.WriteAllText(marker, "ok\n");
    }

    /// <summary>True when <see cref="Save"/> finished writing <paramref name="directory"/>.</summary>
    public static bool IsComplete(string directory) => File.Exists(Path.Combine(directory, CompleteMarker));

    /// <summary>Loads the model and its tokenizer; errors name the file and what is missing.</summary>
    public static (TransformerModel Model, BpeTokenizer Tokenizer) Load(string directory)
    {
        if (!Directory.Exists(directory)) throw new DirectoryNotFoundException($"{directory}: model directory not found");
        var tokenizerPath = Path.Combine(directory, TokenizerFile);
        if (!File.Exists(tokenizerPath)) throw new FileNotFoundException($"{tokenizerPath}: missing; a model directory needs {ConfigFile}, {WeightsFile} and {TokenizerFile}", tokenizerPath);
        var tokenizer = BpeTokenizer.Load(tokenizerPath);
        var model = Sift.Model.Checkpoints.ModelDirectory.Load(directory);
        if (tokenizer.VocabSize > model.Config.VocabSize)
        {
            model.Dispose();
            throw new InvalidDataException($"{tokenizerPath}: {tokenizer.VocabSize} tokens but {Path.Combine(directory, ConfigFile)} has vocab_size {model.Config.VocabSize}");
        }
        return (model, tokenizer);
    }

    /// <summary>Reads every parameter of <paramref name="model"/> from a safetensors file, or the shards of its directory (shapes checked; the engine's reader).</summary>
    public static void LoadWeights(string path, TransformerModel model) => Sift.Model.Checkpoints.ModelDirectory.LoadWeights(path, model);
}
