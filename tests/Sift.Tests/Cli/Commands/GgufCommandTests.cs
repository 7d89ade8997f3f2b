using Sift.IO;
using Sift.IO.Gguf;
using Sift.Model;
using Sift.Model.Checkpoints;
using Sift.Text;

namespace Sift.Tests.Cli.Commands;

/// <summary>`sift import gguf` and `sift export gguf`: a directory out and a file back, and errors that say what to do.</summary>
[Collection("Console")]
public sealed class GgufCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Sift.Tests.Support.CliRun.Invoke(args);

    private static string Temp(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sift-tests", "gguf-cli-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static string Fixture(string name) => Path.Combine(SharedData.RepositoryRoot()!, "tests", "Sift.Tests", "Text", "Fixtures", name);

    /// <summary>A random llama model whose vocabulary is sp_tiny's (a SentencePiece-style tokenizer), saved as a model directory.</summary>
    private static string ModelDir(int vocabPadding = 0)
    {
        var tok = BpeTokenizer.Load(Fixture("sp_tiny.tokenizer.json"));
        var config = new ModelShape { Hidden = 16, Layers = 1, Heads = 2, KeyValueHeads = 1, Intermediate = 24, Context = 32 }
            .ToConfig(tok.VocabSize + vocabPadding, tok.BosId, tok.EosId) with { TieWordEmbeddings = false };
        var dir = Temp("model");
        using var m = TransformerModel.Create(config, 5);
        ModelDirectory.Save(dir, m, File.ReadAllText(Fixture("sp_tiny.tokenizer.json")));
        return dir;
    }

    [Fact]
    public void Export_then_import_gives_back_the_weights_and_a_tokenizer_that_encodes_the_same()
    {
        var dir = ModelDir();
        var gguf = Temp("m.gguf");
        var (code, output, err) = Run("export", "gguf", dir, "--out", gguf, "--dtype", "f32");
        Assert.True(code == 0, err);
        Assert.Contains("GGUF v3, llama, F32", output);
        var back = Temp("back");
        (code, output, err) = Run("import", "gguf", gguf, "--out", back);
        Assert.True(code == 0, err);
        Assert.Contains("tokenizer.json from the GGUF metadata", output);
        Assert.Equal(File.ReadAllBytes(Path.Combine(dir, ModelDirectory.WeightsFile)), File.ReadAllBytes(Path.Combine(back, ModelDirectory.WeightsFile)));
        var a = BpeTokenizer.Load(Path.Combine(dir, ModelDirectory.TokenizerFile));
        var b = BpeTokenizer.Load(Path.Combine(back, ModelDirectory.TokenizerFile));
        foreach (var text in new[] { "Natalia sold 48 clips in April.", "  spaces  and ünïcode 🙂", "" })
            Assert.Equal(a.Encode(text), b.Encode(text));
    }

    [Fact]
    public void The_chat_template_goes_to_tokenizer_chat_template_and_comes_back_in_tokenizer_config_json()
    {
        var dir = ModelDir();
        const string Template = "{% for m in messages %}<s>{{ m['content'] }}</s>{% endfor %}";
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["chat_template"] = Template, ["bos_token"] = "<s>" }));
        var gguf = Temp("chat.gguf");
        var (code, _, err) = Run("export", "gguf", dir, "--out", gguf);
        Assert.True(code == 0, err);
        Assert.Equal(Template, GgufFile.Open(gguf).GetString(GgufTokenizerKeys.ChatTemplate));
        var back = Temp("back");
        (code, _, err) = Run("import", "gguf", gguf, "--out", back);
        Assert.True(code == 0, err);
        var config = Sift.Text.Chat.TokenizerConfig.Load(Path.Combine(back, "tokenizer_config.json"));
        Assert.Equal(Template, config.ChatTemplates["default"]);
        Assert.Equal("<s>", config.BosToken);
        Assert.Equal("</s>", config.EosToken);
    }

    [Fact]
    public void A_vocabulary_larger_than_the_tokenizer_gets_pad_tokens_as_llama_cpp_writes_them()
    {
        var dir = ModelDir(vocabPadding: 3);
        var gguf = Temp("m.gguf");
        var (code, _, err) = Run("export", "gguf", dir, "--out", gguf);
        Assert.True(code == 0, err);
        var f = GgufFile.Open(gguf);
        var tokens = f.GetArray<string>(GgufTokenizerKeys.Tokens)!;
        Assert.Equal(f.GetInteger("llama.vocab_size"), tokens.Length);
        Assert.Equal($"[PAD{tokens.Length - 1}]", tokens[^1]);
        Assert.Equal(GgufTokenType.Unused, f.GetArray<int>(GgufTokenizerKeys.TokenType)![^1]);
        // The default keeps the stored dtype: this model is F32, so nothing is rounded.
        Assert.Equal(GgufTensorType.F32, f.GetInfo("blk.0.attn_q.weight").Type);
    }

    [Fact]
    public void Errors_name_the_file_and_what_to_do()
    {
        var notGguf = Temp("x.gguf");
        File.WriteAllText(notGguf, "this is not a model");
        var (code, _, err) = Run("import", "gguf", notGguf, "--out", Temp("out"));
        Assert.Equal(1, code);
        Assert.Contains($"error: {notGguf}: offset 0: bad magic", err);

        var dir = ModelDir();
        (code, _, err) = Run("export", "gguf", dir, "--out", Temp("m.gguf"), "--dtype", "Q4_K");
        Assert.Equal(1, code);
        Assert.Contains("--dtype Q4_K: give auto, F32, F16, BF16 or Q8_0", err);

        File.Copy(Fixture("sift_gsm8k_1024.tokenizer.json"), Path.Combine(dir, ModelDirectory.TokenizerFile), overwrite: true);
        (code, _, err) = Run("export", "gguf", dir, "--out", Temp("m.gguf"));
        Assert.Equal(1, code);
        Assert.Contains("a byte-level tokenizer whose pre-tokenizer is not one llama.cpp names", err);
        (code, _, err) = Run("export", "gguf", dir, "--out", Temp("m.gguf"), "--no-tokenizer");
        Assert.True(code == 0, err);
    }
}
