using System.Text.Json.Nodes;
using Sift.Inference;
using Sift.IO;
using Sift.IO.Gguf;
using Sift.Model.Checkpoints;
using Sift.Model.Sampling;
using Sift.Tests.Support;
using Sift.Text;

namespace Sift.Tests.Model.Checkpoints;

/// <summary>
/// The real stories260K.gguf (../shared/models): imported, it continues "Once upon a time" greedily
/// with llama2.c's story (the fixture tests/reference/make_stories260k_fixture.py computes from the
/// GGUF with run.c's forward and interleaved RoPE); exported again, it imports to the same files.
/// </summary>
public sealed class GgufStories260KTests
{
    private static JsonNode Fixture() => JsonNode.Parse(File.ReadAllText(Path.Combine(SharedData.RepositoryRoot()!, "tests", "Sift.Tests", "Model", "Fixtures", "stories260k_greedy.json")))!;

    private static string Import(string gguf, string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sift-tests", name + "-" + Guid.NewGuid().ToString("N")[..8]);
        var file = GgufFile.Open(gguf);
        using var model = GgufImporter.Load(file);
        ModelDirectory.Save(dir, model, GgufTokenizerConverter.ToTokenizerJson(file));
        return dir;
    }

    [SkippableFact]
    public void Imported_stories260k_continues_once_upon_a_time_with_llama2c_greedy_story()
    {
        var gguf = Requires.SharedModel("stories260K/stories260K.gguf");
        var fx = Fixture();
        var dir = Import(gguf, "stories");
        var tokenizer = BpeTokenizer.Load(Path.Combine(dir, ModelDirectory.TokenizerFile));
        string prompt = (string)fx["prompt"]!;
        var promptIds = PromptContinuation.Encode(tokenizer, prompt, addBos: true);
        Assert.Equal(fx["prompt_ids"]!.AsArray().Select(n => (int)n!), promptIds);
        using var model = ModelDirectory.Load(dir);
        var expected = fx["ids"]!.AsArray().Select(n => (int)n!).ToArray();
        var result = PromptContinuation.Generate(model, promptIds, new SamplingOptions { Temperature = 0, MaxNewTokens = expected.Length }, tokenizer);
        Assert.Equal(expected, result.Ids);
        Assert.Equal((string)fx["text"]!, prompt + result.Text);
    }

    [SkippableFact]
    public void Exporting_the_imported_model_and_importing_it_again_gives_identical_files()
    {
        var gguf = Requires.SharedModel("stories260K/stories260K.gguf");
        var dir = Import(gguf, "stories-a");
        var exported = Path.Combine(dir + "-export", "stories.gguf");
        Directory.CreateDirectory(Path.GetDirectoryName(exported)!);
        var tokenizer = GgufTokenizerConverter.ToGgufMetadata(File.ReadAllText(Path.Combine(dir, ModelDirectory.TokenizerFile)));
        GgufExporter.Export(dir, exported, GgufTensorType.F32, tokenizer);
        // The same tensors as the original GGUF, bit for bit (names, ne, values), and the same vocabulary.
        var original = GgufFile.Open(gguf);
        var back = GgufFile.Open(exported);
        Assert.Equal(original.Tensors.Select(t => t.Name).Order(), back.Tensors.Select(t => t.Name).Order());
        foreach (var t in original.Tensors)
        {
            Assert.Equal(t.Dimensions, back.GetInfo(t.Name).Dimensions);
            Assert.Equal(original.ReadFloats(t.Name), back.ReadFloats(t.Name));
        }
        Assert.Equal(original.GetArray<string>(GgufTokenizerKeys.Tokens), back.GetArray<string>(GgufTokenizerKeys.Tokens));
        Assert.Equal(original.GetArray<int>(GgufTokenizerKeys.TokenType), back.GetArray<int>(GgufTokenizerKeys.TokenType));
        var again = Import(exported, "stories-b");
        foreach (var name in new[] { ModelDirectory.WeightsFile, ModelDirectory.TokenizerFile, ModelDirectory.ConfigFile, ModelDirectory.GenerationConfigFile })
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir, name)), File.ReadAllBytes(Path.Combine(again, name)));
    }
}
