using System.Text.Json.Nodes;
using Sift.Model;
using Sift.Runs;
using Sift.Tests.Model.Checkpoints;
using Sift.Tests.Training.Sft;

namespace Sift.Tests.Cli.Commands;

/// <summary>`sift generate`: ids in and out as JSON, a text prompt through the directory's tokenizer, clear errors.</summary>
[Collection("Console")]
public sealed class GenerateCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args) => Sift.Tests.Support.CliRun.Invoke(args);

    /// <summary>The --json line (tests outside the Console collection may print to the shared console meanwhile).</summary>
    private static JsonObject JsonLine(string output) =>
        JsonNode.Parse(output.Split('\n').First(l => l.StartsWith("{\"prompt\"", StringComparison.Ordinal)))!.AsObject();

    [Fact]
    public void Prompt_ids_on_a_directory_without_a_tokenizer_print_the_reference_greedy_ids_as_json()
    {
        var f = HfFixture.Load("llama3_rope");
        var (code, output, err) = Run("generate", "--model", f.Directory, "--prompt-ids", string.Join(',', f.GreedyPrompt),
            "--temperature", "0", "--max-new-tokens", f.Greedy.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), "--json");
        Assert.True(code == 0, err);
        var o = JsonNode.Parse(output)!.AsObject();
        Assert.Equal(f.GreedyPrompt, o["prompt_ids"]!.AsArray().Select(n => (int)n!));
        var ids = o["ids"]!.AsArray().Select(n => (int)n!).ToArray();
        Assert.Equal(f.Greedy[..ids.Length], ids);
        Assert.Null(o["text"]);
        Assert.Null(o["prompt"]);
        Assert.Contains((string)o["finish_reason"]!, new[] { "max_new_tokens", "stop_token" });
    }

    [Fact]
    public void A_text_prompt_prints_the_prompt_and_its_continuation()
    {
        var dir = SftTestData.TempDir("generate-cli");
        using (var m = TransformerModel.Create(SftTestData.TinyConfig(64), 5)) SavedModel.Save(dir, m, SftTestData.Tokenizer);
        var (code, output, err) = Run("generate", "--model", dir, "--prompt", "Tom has 3 apples.", "--max-new-tokens", "6", "--seed", "4");
        Assert.True(code == 0, err);
        Assert.StartsWith("Tom has 3 apples.", output, StringComparison.Ordinal);
        var (again, output2, _) = Run("generate", "--model", dir, "--prompt", "Tom has 3 apples.", "--max-new-tokens", "6", "--seed", "4");
        Assert.Equal(0, again);
        Assert.Equal(output, output2);
    }

    [SkippableFact]
    public void Chat_wraps_the_prompt_as_a_user_turn_of_the_directory_s_template_and_stops_at_its_eos()
    {
        var dir = EvalCommandTests.QwenDirectory();
        var (code, output, err) = Run("generate", "--model", dir, "--prompt", "What is 2 + 3?", "--chat", "--system-prompt", "Be brief.", "--temperature", "0", "--json");
        Assert.True(code == 0, err);
        var o = JsonLine(output).AsObject();
        var chat = Sift.Text.Chat.TokenizerConfig.Load(Path.Combine(dir, "tokenizer_config.json")).ChatTemplate();
        var rendered = chat.Apply([Sift.Text.Chat.ChatMessage.System("Be brief."), Sift.Text.Chat.ChatMessage.User("What is 2 + 3?")], new Sift.Text.Chat.ChatTemplateOptions { AddGenerationPrompt = true });
        Assert.Equal(rendered, (string)o["rendered_prompt"]!);
        Assert.Equal("What is 2 + 3?", (string)o["prompt"]!);
        var tokenizer = SavedModel.LoadTokenizer(dir);
        Assert.Equal(tokenizer.Encode(rendered, allowSpecial: true), o["prompt_ids"]!.AsArray().Select(n => (int)n!));
        var ids = o["ids"]!.AsArray().Select(n => (int)n!).ToArray();
        Assert.Single(ids);
        Assert.Contains(ids[0], new[] { 151645, 151643 });
        Assert.Equal("stop_token", (string)o["finish_reason"]!);
    }

    [Fact]
    public void Chat_on_a_directory_without_a_chat_template_uses_chatml()
    {
        var dir = SftTestData.TempDir("generate-chat");
        using (var m = TransformerModel.Create(SftTestData.TinyConfig(64), 5)) SavedModel.Save(dir, m, SftTestData.Tokenizer);
        var (code, output, err) = Run("generate", "--model", dir, "--prompt", "Tom has 3 apples.", "--chat", "--max-new-tokens", "4", "--json");
        Assert.True(code == 0, err);
        Assert.Equal("<|im_start|>user\nTom has 3 apples.<|im_end|>\n<|im_start|>assistant\n", (string)JsonLine(output)["rendered_prompt"]!);
        var (bad, _, badErr) = Run("generate", "--model", dir, "--prompt", "x", "--system-prompt", "y");
        Assert.Equal(1, bad);
        Assert.Contains("--system-prompt needs --chat", badErr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("both", "exactly one of --prompt")]
    [InlineData("neither", "exactly one of --prompt")]
    [InlineData("text-without-tokenizer", "tokenizer.json: missing")]
    [InlineData("bad-ids", "'x' (item 2) is not a token id")]
    public void Bad_arguments_are_errors_that_say_what_to_do(string kind, string message)
    {
        var f = HfFixture.Load("qwen3");
        string[] args = kind switch
        {
            "both" => ["generate", "--model", f.Directory, "--prompt", "hi", "--prompt-ids", "1"],
            "neither" => ["generate", "--model", f.Directory],
            "text-without-tokenizer" => ["generate", "--model", f.Directory, "--prompt", "hi"],
            _ => ["generate", "--model", f.Directory, "--prompt-ids", "1,x"],
        };
        var (code, _, err) = Run(args);
        Assert.Equal(1, code);
        Assert.Contains(message, err, StringComparison.Ordinal);
    }
}
