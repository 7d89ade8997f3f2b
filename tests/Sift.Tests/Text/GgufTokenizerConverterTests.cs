using Sift.IO;
using Sift.IO.Gguf;
using Sift.Text;

namespace Sift.Tests.Text;

/// <summary>GGUF tokenizer metadata ↔ tokenizer.json: transformers' merge derivation from scores, the Llama 2 layout, and the way back encoding the same.</summary>
public sealed class GgufTokenizerConverterTests
{
    private static readonly string[] Texts =
    [
        "Once upon a time, there was a little girl.", "  two  spaces", "the theme then", "emoji 🙂 and ünïcödé", "tab\tnew\nline", "<s> not special", "",
    ];

    private static string Fixture(string name) =>
        Path.Combine(SharedData.RepositoryRoot()!, "tests", "Sift.Tests", "Text", "Fixtures", name);

    [Fact]
    public void Merges_follow_the_merged_piece_scores_then_vocabulary_order_as_transformers_derives_them()
    {
        string[] tokens = ["<unk>", "a", "b", "c", "ab", "bc", "abc", "▁"];
        float[] scores = [0, -10, -11, -12, -2, -1, -1, -13];
        var vocab = tokens.Select((t, i) => (t, i)).ToDictionary(x => x.t, x => x.i);
        var merges = GgufTokenizerConverter.DeriveMerges(tokens, scores, vocab);
        // bc (-1) then abc's splits (-1, in vocabulary order of the left piece: a+bc, ab+c), then ab (-2).
        Assert.Equal([("b", "c"), ("a", "bc"), ("ab", "c"), ("a", "b")], merges);
    }

    [Fact]
    public void A_sentencepiece_vocabulary_becomes_the_llama_2_layout_and_encodes_by_score()
    {
        string[] tokens = ["<unk>", "<s>", "</s>", "<0x41>", "▁", "t", "h", "e", "▁t", "he", "▁the", "<extra>"];
        float[] scores = [0, 0, 0, 0, -20, -21, -22, -23, -1, -2, -3, 0];
        int[] types = [2, 3, 3, 6, 1, 1, 1, 1, 1, 1, 1, 4];
        string json = GgufTokenizerConverter.Write(tokens, scores, types, unkId: 0, addBosId: 1, addEosId: null);
        var tok = BpeTokenizer.FromJson(json);
        Assert.Equal([10], tok.Encode("the"));
        Assert.Equal([10, 8], tok.Encode("the t"));
        Assert.Equal([4, 9], tok.Encode("he")); // ▁ has no merge with h: ▁ + he
        Assert.Equal([3], tok.Encode("A")[1..]); // ▁ then the byte-fallback token of 'A'
        Assert.Equal([1, 10], tok.PostProcess(tok.Encode("the")));
        Assert.True(tok.IsSpecial(1));
        Assert.False(tok.IsSpecial(11));
        Assert.Equal([11], tok.Encode("<extra>")); // added tokens split out before the normalizer, as HF does
        Assert.Equal("the t", tok.Decode(tok.Encode("the t")));
        // The same sections as ../shared/tokenizers/llama2/tokenizer.json.
        Assert.Contains("\"type\": \"Prepend\"", json);
        Assert.Contains("\"byte_fallback\": true", json);
        Assert.Contains("\"▁ t\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sentencepiece_tokenizer_json_goes_to_gguf_metadata_and_back_encoding_the_same()
    {
        string path = Fixture("sp_tiny.tokenizer.json");
        var original = BpeTokenizer.Load(path);
        var meta = GgufTokenizerConverter.ToGgufMetadata(File.ReadAllText(path), path).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("llama", meta[GgufTokenizerKeys.Model].Value);
        var tokens = (string[])meta[GgufTokenizerKeys.Tokens].Value;
        var types = (int[])meta[GgufTokenizerKeys.TokenType].Value;
        Assert.Equal(original.VocabSize, tokens.Length);
        Assert.Equal(GgufTokenType.Unknown, types[0]);
        Assert.Equal(GgufTokenType.Control, types[1]);
        Assert.Equal(GgufTokenType.Byte, types[Array.IndexOf(tokens, "<0x41>")]);
        Assert.Equal(1u, meta[GgufTokenizerKeys.BosId].Value);
        // Through a GGUF file, as import reads it.
        var w = new GgufWriter();
        foreach (var (k, v) in meta) w.Add(k, v);
        var gguf = Path.Combine(Path.GetTempPath(), "sift-tests", "tok-" + Guid.NewGuid().ToString("N")[..8] + ".gguf");
        Directory.CreateDirectory(Path.GetDirectoryName(gguf)!);
        w.Save(gguf);
        var back = BpeTokenizer.FromJson(GgufTokenizerConverter.ToTokenizerJson(GgufFile.Open(gguf)));
        foreach (var text in Texts.Concat(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("hf_reference.json")))!["texts"]!.AsArray().Select(n => (string)n!)))
        {
            Assert.Equal(original.Encode(text), back.Encode(text));
            var ids = original.Encode(text);
            Assert.Equal(original.Decode(ids), back.Decode(ids));
        }
    }

    [SkippableFact]
    public void Llama_2_tokenizer_json_through_gguf_metadata_encodes_and_decodes_as_the_original()
    {
        string path = SharedTokenizers.Require("llama2");
        var original = BpeTokenizer.Load(path);
        var meta = GgufTokenizerConverter.ToGgufMetadata(File.ReadAllText(path), path).ToDictionary(p => p.Key, p => p.Value);
        var tokens = (string[])meta[GgufTokenizerKeys.Tokens].Value;
        var json = GgufTokenizerConverter.Write(tokens, (float[])meta[GgufTokenizerKeys.Scores].Value, (int[])meta[GgufTokenizerKeys.TokenType].Value,
            unkId: 0, addBosId: 1, addEosId: null);
        var back = BpeTokenizer.FromJson(json);
        Assert.Equal(original.VocabSize, back.VocabSize);
        Assert.Equal(original.MergeCount, back.MergeCount);
        var texts = Texts.Concat(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("hf_reference.json")))!["texts"]!.AsArray().Select(n => (string)n!));
        foreach (var text in texts)
        {
            var ids = original.Encode(text, allowSpecial: true);
            Assert.Equal(ids, back.Encode(text, allowSpecial: true));
            Assert.Equal(original.PostProcess(ids), back.PostProcess(ids));
            Assert.Equal(original.Decode(ids), back.Decode(ids));
        }
    }

    [Fact]
    public void A_byte_level_tokenizer_is_refused_for_export_naming_the_file()
    {
        string path = Fixture("sift_gsm8k_1024.tokenizer.json");
        var e = Assert.Throws<NotSupportedException>(() => GgufTokenizerConverter.ToGgufMetadata(File.ReadAllText(path), path));
        Assert.Contains(path + ": a byte-level tokenizer whose pre-tokenizer is not one llama.cpp names", e.Message);
        Assert.Contains("convert_hf_to_gguf.py", e.Message);
    }

    private static string GgufPath(string name)
    {
        var path = Path.Combine(Path.GetTempPath(), "sift-tests", "tok-" + Guid.NewGuid().ToString("N")[..8], name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>The "gpt2" metadata llama.cpp's convert_hf_to_gguf.py writes for a byte-level tokenizer.json: tokens by id, control for special added tokens, merges as "a b".</summary>
    private static string ByteLevelGguf(string tokenizerPath, string pre, bool addBos)
    {
        var root = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(tokenizerPath))!;
        var vocab = root["model"]!["vocab"]!.AsObject();
        var added = root["added_tokens"]!.AsArray().Select(a => ((int)a!["id"]!, (string)a["content"]!, (bool)a["special"]!)).ToList();
        int n = Math.Max(vocab.Max(p => (int)p.Value!), added.Max(a => a.Item1)) + 1;
        var tokens = new string[n];
        var types = new int[n];
        foreach (var (k, v) in vocab) { tokens[(int)v!] = k; types[(int)v!] = GgufTokenType.Normal; }
        foreach (var (id, content, special) in added) { tokens[id] = content; types[id] = special ? GgufTokenType.Control : GgufTokenType.UserDefined; }
        var merges = root["model"]!["merges"]!.AsArray().Select(m => m is System.Text.Json.Nodes.JsonArray a ? (string)a[0]! + " " + (string)a[1]! : (string)m!).ToArray();
        var tok = BpeTokenizer.Load(tokenizerPath);
        var path = GgufPath("bpe.gguf");
        new GgufWriter()
            .Add(GgufTokenizerKeys.Model, GgufValue.Of("gpt2")).Add(GgufTokenizerKeys.Pre, GgufValue.Of(pre))
            .Add(GgufTokenizerKeys.Tokens, GgufValue.ArrayOf(tokens)).Add(GgufTokenizerKeys.TokenType, GgufValue.ArrayOf(types))
            .Add(GgufTokenizerKeys.Merges, GgufValue.ArrayOf(merges))
            .Add(GgufTokenizerKeys.BosId, GgufValue.Of((uint)tok.BosId)).Add(GgufTokenizerKeys.AddBos, GgufValue.Of(addBos))
            .Save(path);
        return path;
    }

    [SkippableTheory]
    [InlineData("llama3_1", "llama-bpe", true)]
    [InlineData("qwen3", "qwen2", false)]
    public void Byte_level_gguf_metadata_becomes_a_tokenizer_json_that_encodes_as_the_original(string name, string pre, bool addBos)
    {
        string path = SharedTokenizers.Require(name);
        var original = BpeTokenizer.Load(path);
        var back = BpeTokenizer.FromJson(GgufTokenizerConverter.ToTokenizerJson(GgufFile.Open(ByteLevelGguf(path, pre, addBos))));
        Assert.Equal(original.VocabSize, back.VocabSize);
        var texts = Texts.Concat(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("hf_reference.json")))!["texts"]!.AsArray().Select(n => (string)n!));
        foreach (var text in texts)
        {
            var ids = original.Encode(text, allowSpecial: true);
            Assert.Equal(ids, back.Encode(text, allowSpecial: true));
            Assert.Equal(original.PostProcess(ids), back.PostProcess(ids));
            Assert.Equal(original.Decode(ids), back.Decode(ids));
        }
    }

    [SkippableTheory]
    [InlineData("llama3_1", "llama-bpe")]
    [InlineData("qwen3", "qwen2")]
    public void A_byte_level_tokenizer_json_goes_to_gpt2_metadata_with_its_pre_tokenizer_and_back(string name, string pre)
    {
        string path = SharedTokenizers.Require(name);
        var original = BpeTokenizer.Load(path);
        var meta = GgufTokenizerConverter.ToGgufMetadata(File.ReadAllText(path), path);
        var w = new GgufWriter();
        foreach (var (k, v) in meta) w.Add(k, v);
        var gguf = GgufPath("bpe.gguf");
        w.Save(gguf);
        var file = GgufFile.Open(gguf);
        Assert.Equal("gpt2", file.GetString(GgufTokenizerKeys.Model));
        Assert.Equal(pre, file.GetString(GgufTokenizerKeys.Pre));
        Assert.Equal(original.MergeCount, file.GetArray<string>(GgufTokenizerKeys.Merges)!.Length);
        var back = BpeTokenizer.FromJson(GgufTokenizerConverter.ToTokenizerJson(file));
        foreach (var text in Texts.Concat(System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Fixture("hf_reference.json")))!["texts"]!.AsArray().Select(n => (string)n!)))
        {
            var ids = original.Encode(text, allowSpecial: true);
            Assert.Equal(ids, back.Encode(text, allowSpecial: true));
            Assert.Equal(original.PostProcess(ids), back.PostProcess(ids));
        }
    }

    [Fact]
    public void Tokenizers_sift_cannot_convert_are_refused_with_what_to_do()
    {
        var path = GgufPath("deepseek.gguf");
        new GgufWriter().Add(GgufTokenizerKeys.Model, GgufValue.Of("gpt2")).Add(GgufTokenizerKeys.Pre, GgufValue.Of("deepseek-llm")).Save(path);
        var e = Assert.Throws<NotSupportedException>(() => GgufTokenizerConverter.ToTokenizerJson(GgufFile.Open(path)));
        Assert.Contains("'tokenizer.ggml.pre' is \"deepseek-llm\"", e.Message);
        Assert.Contains("copy tokenizer.json from the original", e.Message);
        var bert = GgufPath("bert.gguf");
        new GgufWriter().Add(GgufTokenizerKeys.Model, GgufValue.Of("bert")).Save(bert);
        Assert.Contains("'tokenizer.ggml.model' is \"bert\"", Assert.Throws<NotSupportedException>(() => GgufTokenizerConverter.ToTokenizerJson(GgufFile.Open(bert))).Message);
    }
}
