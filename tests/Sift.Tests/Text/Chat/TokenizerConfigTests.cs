using Sift.Tests.IO;
using Sift.Text.Chat;

namespace Sift.Tests.Text.Chat;

public sealed class TokenizerConfigTests
{
    [Fact]
    public void Reads_string_tokens_added_token_objects_and_flags()
    {
        var c = TokenizerConfig.Parse("""
            {"add_bos_token": true, "add_eos_token": false, "chat_template": "{{ bos_token }}x",
             "bos_token": {"__type": "AddedToken", "content": "<s>", "lstrip": false}, "eos_token": "</s>",
             "pad_token": null, "unk_token": "", "additional_special_tokens": ["<a>", {"content": "<b>"}]}
            """, "cfg.json");
        Assert.Equal("<s>", c.BosToken);
        Assert.Equal("</s>", c.EosToken);
        Assert.True(c.AddBosToken);
        Assert.False(c.AddEosToken);
        // transformers' special_tokens_map leaves out unset and empty tokens.
        Assert.Equal(["bos_token", "eos_token"], c.SpecialTokens.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["<a>", "<b>"], c.AdditionalSpecialTokens);
        Assert.Equal("<s>x", c.ChatTemplate().Apply([ChatMessage.User("q")]));
        Assert.Equal("['<a>', '<b>']", TokenizerConfig.Parse("""{"chat_template": "{{ additional_special_tokens }}", "additional_special_tokens": ["<a>", "<b>"]}""")
            .ChatTemplate().Apply([]));
    }

    [Fact]
    public void A_list_of_named_templates_uses_default_unless_one_is_named()
    {
        var c = TokenizerConfig.Parse("""{"chat_template": [{"name": "default", "template": "D"}, {"name": "tool_use", "template": "T"}]}""");
        Assert.Equal("D", c.ChatTemplate().Apply([]));
        Assert.Equal("T", c.ChatTemplate("tool_use").Apply([]));
        var e = Assert.Throws<InvalidOperationException>(() => c.ChatTemplate("rag"));
        Assert.Contains("no template named 'rag'", e.Message, StringComparison.Ordinal);
        var two = TokenizerConfig.Parse("""{"chat_template": [{"name": "a", "template": "A"}, {"name": "b", "template": "B"}]}""");
        Assert.Contains("none is called 'default'", Assert.Throws<InvalidOperationException>(() => two.ChatTemplate()).Message, StringComparison.Ordinal);
        Assert.Equal("A", TokenizerConfig.Parse("""{"chat_template": [{"name": "a", "template": "A"}]}""").ChatTemplate().Apply([]));
    }

    [Theory]
    [InlineData("""{"chat_template": 3}""", "field 'chat_template'")]
    [InlineData("""{"chat_template": [{"name": "x"}]}""", "field 'chat_template[0].template'")]
    [InlineData("""{"chat_template": [{"template": "x"}]}""", "field 'chat_template[0].name'")]
    [InlineData("""{"chat_template": [{"name": "a", "template": "x"}, {"name": "a", "template": "y"}]}""", "field 'chat_template[1].name'")]
    [InlineData("""{"bos_token": 1}""", "field 'bos_token'")]
    [InlineData("""{"eos_token": {"lstrip": true}}""", "field 'eos_token.content'")]
    [InlineData("""{"add_bos_token": "yes"}""", "field 'add_bos_token'")]
    [InlineData("""{"additional_special_tokens": "<a>"}""", "field 'additional_special_tokens'")]
    [InlineData("""{"additional_special_tokens": ["<a>", 2]}""", "field 'additional_special_tokens[1]'")]
    [InlineData("""[]""", "top level")]
    [InlineData("""{"a": """, "cfg.json:1: not valid JSON")]
    public void Errors_name_the_file_and_the_field(string json, string expected)
    {
        var e = Assert.Throws<InvalidDataException>(() => TokenizerConfig.Parse(json, "cfg.json"));
        Assert.StartsWith("cfg.json", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_template_is_an_error_naming_the_file()
    {
        var e = Assert.Throws<InvalidOperationException>(() => TokenizerConfig.Parse("""{"chat_template": null}""", "m/tokenizer_config.json").ChatTemplate());
        Assert.Equal("m/tokenizer_config.json: field 'chat_template': the tokenizer has no chat template", e.Message);
    }

    [Fact]
    public void A_template_syntax_error_names_the_config_and_the_position()
    {
        var e = Assert.Throws<JinjaException>(() => TokenizerConfig.Parse("{\"chat_template\": \"ok\\n  {% for m in messages %}\"}", "cfg.json").ChatTemplate());
        Assert.StartsWith("cfg.json chat_template:", e.Message, StringComparison.Ordinal);
        Assert.Contains("endfor", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Chat_template_jinja_beside_the_file_replaces_the_default_as_in_transformers()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("tokenizer_config.json"), """{"chat_template": "old", "eos_token": "</s>"}""");
        File.WriteAllText(dir.File("chat_template.jinja"), "new{{ eos_token }}\n");
        var c = TokenizerConfig.Load(dir.File("tokenizer_config.json"));
        Assert.Equal("new</s>", c.ChatTemplate().Apply([]));
        Assert.Contains(dir.File("missing.json"), Assert.Throws<InvalidDataException>(() => TokenizerConfig.Load(dir.File("missing.json"))).Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Reads_the_real_llama3_1_and_qwen3_configs()
    {
        var llama = TokenizerConfig.Load(ChatTestData.SharedFile("tokenizers/llama3_1/tokenizer_config.json"));
        Assert.Equal("<|begin_of_text|>", llama.BosToken);
        Assert.Equal("<|eot_id|>", llama.EosToken);
        var qwen = TokenizerConfig.Load(ChatTestData.SharedFile("tokenizers/qwen3/tokenizer_config.json"));
        Assert.Null(qwen.BosToken);
        Assert.False(qwen.AddBosToken);
        Assert.Equal("<|im_end|>", qwen.EosToken);
        Assert.Contains("<|im_start|>", qwen.AdditionalSpecialTokens);
        Assert.Equal("<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n<think>\n\n</think>\n\n",
            qwen.ChatTemplate().Apply([ChatMessage.User("Hi")], new ChatTemplateOptions { AddGenerationPrompt = true, Variables = new Dictionary<string, JinjaValue> { ["enable_thinking"] = JinjaValue.False } }));
    }
}
