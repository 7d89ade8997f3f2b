using System.Text;
using System.Text.Json.Nodes;
using Sift.Tests.IO;
using Sift.Text;

namespace Sift.Tests.Text;

public sealed class TokenizerJsonTests
{
    [Fact]
    public void Save_and_load_give_identical_encodings()
    {
        var tok = BpeTokenizerTests.Tok;
        using var tmp = new TempDir();
        string path = tmp.File("tokenizer.json");
        tok.Save(path);
        var loaded = BpeTokenizer.Load(path);
        Assert.Equal(tok.VocabSize, loaded.VocabSize);
        Assert.Equal(tok.BosId, loaded.BosId);
        Assert.Equal(tok.EosId, loaded.EosId);
        Assert.Equal(tok.PadId, loaded.PadId);
        Assert.Equal(tok.MergeCount, loaded.MergeCount);
        foreach (string s in BpeTokenizerTests.Samples.Concat(TextCorpus.Sample(50, seed: 9)))
        {
            Assert.Equal(tok.Encode(s), loaded.Encode(s));
            Assert.Equal(tok.Encode(s, allowSpecial: true), loaded.Encode(s, allowSpecial: true));
        }
        Assert.Equal(tok.ToJson(), loaded.ToJson());
    }

    [Fact]
    public void Written_json_has_the_hugging_face_shape()
    {
        var root = JsonNode.Parse(BpeTokenizerTests.Tok.ToJson())!;
        Assert.Equal("BPE", (string?)root["model"]!["type"]);
        var pre = root["pre_tokenizer"]!;
        Assert.Equal("Sequence", (string?)pre["type"]);
        Assert.Equal("Digits", (string?)pre["pretokenizers"]![0]!["type"]);
        Assert.True((bool)pre["pretokenizers"]![0]!["individual_digits"]!);
        Assert.Equal("ByteLevel", (string?)pre["pretokenizers"]![1]!["type"]);
        Assert.Equal("ByteLevel", (string?)root["decoder"]!["type"]);
        var added = root["added_tokens"]!.AsArray();
        Assert.Equal(3, added.Count);
        Assert.All(added, a => Assert.True((bool)a!["special"]!));
        Assert.Equal("<|eos|>", (string?)added[1]!["content"]);
        Assert.Equal(BpeTokenizerTests.Tok.VocabSize, root["model"]!["vocab"]!.AsObject().Count);
        string firstMerge = (string)root["model"]!["merges"]![0]!;
        Assert.Equal(2, firstMerge.Split(' ').Length);
    }

    [Fact]
    public void Loads_a_gpt2_style_tokenizer_json()
    {
        // GPT-2's layout: ByteLevel pre-tokenizer alone (digits may merge), <|endoftext|> as the only special,
        // merges as ["a","b"] pairs (tokenizers >= 0.20) and as "a b" strings.
        var vocab = new JsonObject();
        int id = 0;
        foreach (string t in ByteLevelTokens())
            vocab[t] = id++;
        string[] extra = ["12", "Ġt", "he", "Ġthe", "123"];
        foreach (string t in extra)
            vocab[t] = id++;
        vocab["<|endoftext|>"] = id;
        var json = new JsonObject
        {
            ["version"] = "1.0",
            ["added_tokens"] = new JsonArray(new JsonObject { ["id"] = id, ["content"] = "<|endoftext|>", ["special"] = true }),
            ["normalizer"] = null,
            ["pre_tokenizer"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = false, ["trim_offsets"] = true, ["use_regex"] = true },
            ["post_processor"] = new JsonObject { ["type"] = "ByteLevel", ["add_prefix_space"] = true, ["trim_offsets"] = false },
            ["decoder"] = new JsonObject { ["type"] = "ByteLevel" },
            ["model"] = new JsonObject
            {
                ["type"] = "BPE",
                ["dropout"] = null,
                ["unk_token"] = null,
                ["continuing_subword_prefix"] = "",
                ["end_of_word_suffix"] = "",
                ["fuse_unk"] = false,
                ["vocab"] = vocab,
                ["merges"] = new JsonArray(new JsonArray("1", "2"), "Ġ t", "h e", new JsonArray("Ġt", "he"), "12 3"),
            },
        };
        var tok = BpeTokenizer.FromJson(json.ToJsonString(), "gpt2/tokenizer.json");
        Assert.Equal(id, tok.EosId);
        Assert.Equal(id, tok.BosId);
        Assert.Equal(id, tok.PadId);
        Assert.Equal(new[] { "123", "Ġthe" }, tok.Encode("123 the").Select(tok.IdToToken));
        Assert.Equal(new[] { "Ġ", "12", "4" }, tok.Encode(" 124").Select(tok.IdToToken));
        Assert.Equal(new[] { "Ġthe", "Ġ", "Ġt", "h" }, tok.Encode(" the  th").Select(tok.IdToToken));
        Assert.Equal(new[] { id }, tok.Encode("<|endoftext|>", allowSpecial: true));
        Assert.Equal("123 the<|endoftext|>", tok.Decode(tok.Encode("123 the<|endoftext|>", allowSpecial: true)));
    }

    [Fact]
    public void Unsupported_features_are_named_in_the_error()
    {
        string good = BpeTokenizerTests.Tok.ToJson();
        void Expect(Action<JsonNode> edit, string field)
        {
            var root = JsonNode.Parse(good)!;
            edit(root);
            var ex = Assert.Throws<InvalidDataException>(() => BpeTokenizer.FromJson(root.ToJsonString(), "my/tokenizer.json"));
            Assert.Contains("my/tokenizer.json", ex.Message);
            Assert.Contains(field, ex.Message);
        }
        Expect(r => r["model"]!["type"] = "WordPiece", "model.type \"WordPiece\" is not supported");
        Expect(r => r["normalizer"] = new JsonObject { ["type"] = "BertNormalizer" }, "normalizer.type \"BertNormalizer\" is not supported");
        Expect(r => r["normalizer"] = new JsonObject { ["type"] = "Sequence", ["normalizers"] = new JsonArray(new JsonObject { ["type"] = "NFC" }, new JsonObject { ["type"] = "Precompiled" }) }, "normalizer.normalizers[1].type \"Precompiled\"");
        Expect(r => r["decoder"] = new JsonObject { ["type"] = "WordPiece" }, "decoder.type \"WordPiece\" is not supported");
        Expect(r => r["decoder"] = new JsonObject { ["type"] = "Sequence", ["decoders"] = new JsonArray(new JsonObject { ["type"] = "ByteFallback" }, new JsonObject { ["type"] = "CTC" }) }, "decoder.decoders[1].type");
        Expect(r => r["model"]!["dropout"] = 0.1, "model.dropout");
        Expect(r => r["model"]!["continuing_subword_prefix"] = "##", "model.continuing_subword_prefix");
        Expect(r => r["model"]!["unk_token"] = "<nope>", "model.unk_token");
        Expect(r => r["pre_tokenizer"] = new JsonObject { ["type"] = "Whitespace" }, "pre_tokenizer.type \"Whitespace\" is not supported");
        Expect(r => r["pre_tokenizer"]!["pretokenizers"]![0] = new JsonObject { ["type"] = "Punctuation" }, "pre_tokenizer.pretokenizers[0].type");
        Expect(r => r["pre_tokenizer"]!["pretokenizers"]![0] = new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = "x" }, ["behavior"] = "Scattered" }, "pre_tokenizer.pretokenizers[0].behavior");
        Expect(r => r["pre_tokenizer"]!["pretokenizers"]![0] = new JsonObject { ["type"] = "Split", ["pattern"] = new JsonObject { ["Regex"] = "(" }, ["behavior"] = "Isolated" }, "pre_tokenizer.pretokenizers[0].pattern");
        Expect(r => r["pre_tokenizer"]!["pretokenizers"]![0] = new JsonObject { ["type"] = "ByteLevel" }, "pre_tokenizer.pretokenizers[0]");
        Expect(r => r["pre_tokenizer"] = new JsonObject { ["type"] = "Metaspace", ["replacement"] = "\u2581", ["prepend_scheme"] = "sometimes" }, "pre_tokenizer.prepend_scheme");
        Expect(r => r["model"]!["merges"]!.AsArray().Add("Ġ zzzz"), "model.merges[");
        Expect(r => r["model"]!["vocab"]!.AsObject().Remove("!"), "model.vocab");
        Expect(r => r["added_tokens"] = new JsonArray(), "added_tokens");
        Expect(r => r.AsObject().Remove("model"), "model");

        var bad = Assert.Throws<InvalidDataException>(() => BpeTokenizer.FromJson("{ \"model\": ", "x.json"));
        Assert.Contains("x.json", bad.Message);
        Assert.Contains("not valid JSON", bad.Message);
    }

    [Fact]
    public void Save_is_atomic_and_utf8()
    {
        using var tmp = new TempDir();
        string path = tmp.File("tokenizer.json");
        BpeTokenizerTests.Tok.Save(path);
        byte[] bytes = File.ReadAllBytes(path);
        Assert.NotEqual(0xEF, bytes[0]);
        Assert.Contains("\"Ġ\"", Encoding.UTF8.GetString(bytes));
        Assert.Single(Directory.GetFiles(tmp.Path));
    }

    internal static IEnumerable<string> ByteLevelTokens()
    {
        // GPT-2's bytes_to_unicode, in its order (printables first), written independently of the library.
        var bs = new List<int>();
        for (int b = '!'; b <= '~'; b++)
            bs.Add(b);
        for (int b = 0xA1; b <= 0xAC; b++)
            bs.Add(b);
        for (int b = 0xAE; b <= 0xFF; b++)
            bs.Add(b);
        var cs = new List<int>(bs);
        int n = 0;
        for (int b = 0; b < 256; b++)
        {
            if (!bs.Contains(b))
            {
                bs.Add(b);
                cs.Add(256 + n++);
            }
        }
        return cs.Select(c => ((char)c).ToString());
    }
}
