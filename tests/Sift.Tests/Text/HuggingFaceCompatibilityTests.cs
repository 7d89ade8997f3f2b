using System.Text.Json.Nodes;
using Sift.Tests.IO;
using Sift.Text;

namespace Sift.Tests.Text;

/// <summary>
/// Compares with Hugging Face's Rust `tokenizers` 0.22.2: tests/reference/make_hf_tokenizer_fixture.js loaded
/// Sift's tokenizer.json (and GPT-2 / Llama 3 style variants of it) into Hugging Face, let it re-serialise
/// each one and recorded the ids it produces; Sift must load those files and produce the same ids.
/// </summary>
public sealed class HuggingFaceCompatibilityTests
{
    private static readonly Lazy<JsonNode> Reference = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDir, "hf_reference.json")))!);

    private static string FixtureDir => Path.Combine(IoTestPaths.RepoRoot(), "tests", "Sift.Tests", "Text", "Fixtures");

    [Theory]
    [InlineData("sift")]
    [InlineData("gpt2")]
    [InlineData("llama3")]
    public void Encodes_like_hugging_face(string variant)
    {
        var root = Reference.Value;
        string[] texts = root["texts"]!.AsArray().Select(t => (string)t!).ToArray();
        var v = root["variants"]![variant]!;
        var tok = BpeTokenizer.FromJson((string)v["tokenizer_json"]!, $"hf_reference.json:{variant}");
        var ids = v["ids"]!.AsArray();
        Assert.Equal(texts.Length, ids.Count);
        for (int i = 0; i < texts.Length; i++)
        {
            int[] want = ids[i]!.AsArray().Select(x => (int)x!).ToArray();
            int[] got = tok.Encode(texts[i], allowSpecial: true);
            Assert.True(want.SequenceEqual(got),
                $"{variant} text {i} {System.Text.Json.JsonSerializer.Serialize(texts[i])}:\n want [{string.Join(",", want)}]\n got  [{string.Join(",", got)}]");
            Assert.Equal(texts[i], tok.Decode(got));
        }
    }

    [Fact]
    public void Sift_tokenizer_survives_a_hugging_face_round_trip()
    {
        var ours = BpeTokenizer.Load(Path.Combine(FixtureDir, "sift_gsm8k_1024.tokenizer.json"));
        var viaHf = BpeTokenizer.FromJson((string)Reference.Value["variants"]!["sift"]!["tokenizer_json"]!, "hf");
        Assert.Equal(ours.VocabSize, viaHf.VocabSize);
        Assert.Equal(ours.EosId, viaHf.EosId);
        Assert.Equal(ours.ToJson(), viaHf.ToJson());
    }
}
