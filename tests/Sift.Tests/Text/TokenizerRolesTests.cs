using Sift.Data;
using Sift.Text;
using Sift.Text.Chat;

namespace Sift.Tests.Text;

/// <summary>
/// BOS and EOS come from the tokenizer's own rules (post_processor, tokenizer_config.json), never from
/// guessing by name, and a prompt never starts with two BOS.
/// </summary>
public sealed class TokenizerRolesTests
{
    private static BpeTokenizer Real(string name)
    {
        var path = SharedTokenizers.Require(name);
        var config = TokenizerConfig.Load(Path.Combine(Path.GetDirectoryName(path)!, "tokenizer_config.json"));
        return BpeTokenizer.Load(path).WithConfig(config);
    }

    private static TokenizerConfig RealConfig(string name) =>
        TokenizerConfig.Load(Path.Combine(Path.GetDirectoryName(SharedTokenizers.Require(name))!, "tokenizer_config.json"));

    [Fact]
    public void Sift_own_tokenizer_starts_prompts_with_its_bos()
    {
        var tok = BpeTokenizer.Load(SharedTokenizers.Fixture("sift_gsm8k_1024.tokenizer.json"));
        Assert.Equal([tok.BosId], tok.PrefixIds);
        Assert.Equal(tok.BosId, tok.EncodePrompt("Question: 1+1?", allowSpecial: false)[0]);
    }

    [SkippableTheory]
    [InlineData("llama2", new[] { 1 }, 2)]
    [InlineData("llama3_1", new[] { 128000 }, 128009)]
    [InlineData("qwen3", new int[0], 151645)]
    public void Real_tokenizers_add_the_bos_their_post_processor_adds_and_end_with_the_config_eos(string name, int[] prefix, int eos)
    {
        var tok = Real(name);
        Assert.Equal(prefix, tok.PrefixIds);
        Assert.Equal(eos, tok.EosId);
        // As HF encode(add_special_tokens=True) for these files.
        Assert.Equal(tok.PostProcess(tok.Encode("Natalia sold 48 clips.")), tok.EncodePrompt("Natalia sold 48 clips.", allowSpecial: false));
    }

    [SkippableFact]
    public void Qwen_prompts_get_no_bos_and_chat_special_tokens_are_single_ids()
    {
        var tok = Real("qwen3");
        var template = PromptTemplate.ForChat(RealConfig("qwen3").ChatTemplate());
        var ids = template.PromptTokens(tok, "What is 2 + 3?");
        Assert.Equal(tok.TokenToId("<|im_start|>"), ids[0]);
        Assert.Equal(tok.Encode(template.Render("What is 2 + 3?"), allowSpecial: true), ids);
        Assert.DoesNotContain(tok.TokenToId("<"), ids);
    }

    [SkippableFact]
    public void A_chat_template_that_writes_the_bos_itself_gets_one_bos()
    {
        var tok = Real("llama3_1");
        var template = PromptTemplate.ForChat(RealConfig("llama3_1").ChatTemplate());
        Assert.StartsWith("<|begin_of_text|>", template.Render("hi"), StringComparison.Ordinal);
        var ids = template.PromptTokens(tok, "hi");
        Assert.Equal(128000, ids[0]);
        Assert.Single(ids, id => id == 128000);
    }

    [SkippableFact]
    public void A_plain_template_on_llama_gets_its_bos_once_and_special_texts_stay_text()
    {
        var tok = Real("llama3_1");
        var ids = PromptTemplate.Plain.PromptTokens(tok, "<|begin_of_text|> 2+3?");
        Assert.Equal(128000, ids[0]);
        Assert.Single(ids, id => id == 128000);
    }

    [Fact]
    public void Add_bos_token_false_removes_the_bos_and_an_unknown_eos_names_the_file_and_field()
    {
        var tok = BpeTokenizer.Load(SharedTokenizers.Fixture("sift_gsm8k_1024.tokenizer.json"));
        Assert.Empty(tok.WithConfig(TokenizerConfig.Parse("{\"add_bos_token\": false}", "cfg.json")).PrefixIds);
        var e = Assert.Throws<InvalidDataException>(() => tok.WithConfig(TokenizerConfig.Parse("{\"eos_token\": \"<|nope|>\"}", "cfg.json")));
        Assert.Contains("cfg.json: field 'eos_token': '<|nope|>' is not a token", e.Message, StringComparison.Ordinal);
        var eos = tok.WithConfig(TokenizerConfig.Parse("{\"eos_token\": \"<|pad|>\"}", "cfg.json"));
        Assert.Equal(tok.PadId, eos.EosId);
        Assert.Equal(tok.BosId, eos.BosId);
    }
}
