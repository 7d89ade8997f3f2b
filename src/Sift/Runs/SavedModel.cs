using Sift.IO;
using Sift.Model;
using Sift.Text;
using Sift.Text.Chat;

namespace Sift.Runs;

/// <summary>
/// A saved model with its tokenizer, as pipelines use it: the engine's model directory
/// (<see cref="Sift.Model.Checkpoints.ModelDirectory"/>: <c>config.json</c>, <c>model.safetensors</c>
/// or shards with <c>model.safetensors.index.json</c>, <c>generation_config.json</c> when the model has
/// one, <c>tokenizer.json</c>, each written atomically) plus a <c>complete</c> marker written last, so a
/// pipeline stage killed mid-save is redone rather than skipped. A Hugging Face directory loads as it is
/// (no marker needed): <c>config.json</c>, the weights, <c>generation_config.json</c>, <c>tokenizer.json</c>
/// and <c>tokenizer_config.json</c> (its token roles, BOS rule and chat template), which is written back
/// when the tokenizer came with one.
/// </summary>
public static class SavedModel
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string TokenizerFile = "tokenizer.json";
    public const string TokenizerConfigFile = TokenizerConfig.FileName;
    private const string CompleteMarker = "complete";

    /// <summary>Writes <paramref name="model"/> and <paramref name="tokenizer"/> to <paramref name="directory"/> (the engine's format), then the marker.</summary>
    public static void Save(string directory, TransformerModel model, BpeTokenizer tokenizer)
    {
        Directory.CreateDirectory(directory);
        var marker = Path.Combine(directory, CompleteMarker);
        if (File.Exists(marker)) File.Delete(marker);
        Sift.Model.Checkpoints.ModelDirectory.Save(directory, model, tokenizer.ToJson());
        tokenizer.Config?.Save(directory);
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
        var tokenizer = LoadTokenizer(directory);
        var model = Sift.Model.Checkpoints.ModelDirectory.Load(directory);
        if (tokenizer.VocabSize > model.Config.VocabSize)
        {
            model.Dispose();
            throw new InvalidDataException($"{tokenizerPath}: {tokenizer.VocabSize} tokens but {Path.Combine(directory, ConfigFile)} has vocab_size {model.Config.VocabSize}");
        }
        return (model, tokenizer);
    }

    /// <summary>
    /// The directory's tokenizer.json with the roles of its tokenizer_config.json when there is one
    /// (<see cref="BpeTokenizer.WithConfig"/>: BOS only where the tokenizer adds one, EOS = eos_token).
    /// </summary>
    public static BpeTokenizer LoadTokenizer(string directory)
    {
        var tokenizerPath = Path.Combine(directory, TokenizerFile);
        if (!File.Exists(tokenizerPath)) throw new FileNotFoundException($"{tokenizerPath}: missing; a model directory needs {ConfigFile}, {WeightsFile} and {TokenizerFile}", tokenizerPath);
        var tokenizer = BpeTokenizer.Load(tokenizerPath);
        return LoadTokenizerConfig(directory) is { } config ? tokenizer.WithConfig(config) : tokenizer;
    }

    /// <summary>The directory's tokenizer_config.json (with a chat_template.jinja beside it), or null when it has none.</summary>
    public static TokenizerConfig? LoadTokenizerConfig(string directory)
    {
        var path = Path.Combine(directory, TokenizerConfigFile);
        return File.Exists(path) ? TokenizerConfig.Load(path) : null;
    }

    /// <summary>The directory's own chat template (tokenizer_config.json's chat_template or chat_template.jinja), or null when it has none.</summary>
    public static ChatTemplate? LoadChatTemplate(string directory) =>
        LoadTokenizerConfig(directory) is { ChatTemplates.Count: > 0 } config ? config.ChatTemplate() : null;

    /// <summary>Reads every parameter of <paramref name="model"/> from a safetensors file, or the shards of its directory (shapes checked; the engine's reader).</summary>
    public static void LoadWeights(string path, TransformerModel model) => Sift.Model.Checkpoints.ModelDirectory.LoadWeights(path, model);
}
