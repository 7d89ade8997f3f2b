using Sift.Data;
using Sift.Runs;
using Sift.Tests.Support;
using Sift.Tests.Text;
using Sift.Text.Chat;
using Sift.Training.Sft;

namespace Sift.Tests.Cli.Commands;

/// <summary>
/// A Hugging Face directory (random Qwen-vocabulary model, Qwen's real tokenizer files) taken as it is
/// by `sift train sft --model` and `sift sample` with `--template chat`, and SFT examples of a chat
/// template: the loss covers the assistant turn up to its &lt;|im_end|&gt;, with no second EOS.
/// </summary>
[Collection("Console")]
public sealed class ChatModelDirectoryTests
{
    private static int Sift(params string[] args) => global::Sift.Cli.CommandCatalog.BuildRoot().Parse(args).Invoke();

    [SkippableFact]
    public void Chat_sft_examples_of_qwen_train_on_the_assistant_turn_and_its_end_of_turn_once()
    {
        var dir = EvalCommandTests.QwenDirectory(stopAtOnce: false);
        var tokenizer = SavedModel.LoadTokenizer(dir);
        var template = PromptTemplate.ForChat(SavedModel.LoadChatTemplate(dir)!);
        var e = new SftExampleBuilder(tokenizer, template, 4096).Build("What is 2 + 3?", "2 + 3 = 5\n#### 5")!;
        int imStart = tokenizer.TokenToId("<|im_start|>"), imEnd = tokenizer.TokenToId("<|im_end|>");
        Assert.Equal(imStart, e.Tokens[0]);
        var response = e.Tokens[e.PromptLength..];
        Assert.Single(response, id => id == imEnd);
        Assert.Equal(tokenizer.Encode(template.Build("What is 2 + 3?", "2 + 3 = 5\n#### 5").Response, allowSpecial: true), response);
        Assert.Equal(tokenizer.Encode(template.Render("What is 2 + 3?"), allowSpecial: true), e.Tokens[..e.PromptLength]);
    }

    [SkippableFact]
    public void Train_sft_and_sample_take_a_hugging_face_directory_as_it_is()
    {
        var gsm8k = Requires.SharedDataFile("gsm8k/train.jsonl");
        var dir = EvalCommandTests.QwenDirectory(stopAtOnce: false);
        var work = Path.Combine(dir, "work");
        Directory.CreateDirectory(work);
        var data = Path.Combine(work, "train.jsonl");
        File.WriteAllLines(data, File.ReadLines(gsm8k).Take(4));
        var run = Path.Combine(work, "sft");
        Assert.Equal(0, Sift("train", "sft", "--model", dir, "--data", data, "--template", "chat", "--system-prompt", "Be brief.", "--steps", "1", "--batch-size", "2", "--checkpoint-every", "0", "--out", run));
        var final = Path.Combine(run, "checkpoints", "final");
        var recorded = SftRunConfigYaml.Load(Path.Combine(run, "config.yaml"));
        Assert.Equal(("chat", "Be brief.", false), (recorded.Template, recorded.SystemPrompt, recorded.BoxedInstruction));
        // The saved model keeps the directory's tokenizer_config.json: its chat template and token roles.
        Assert.Equal(File.ReadAllText(Path.Combine(dir, "tokenizer_config.json")), File.ReadAllText(Path.Combine(final, "tokenizer_config.json")));
        Assert.Equal(151_645, SavedModel.LoadTokenizer(final).EosId);

        var samples = Path.Combine(work, "samples.jsonl");
        Assert.Equal(0, Sift("sample", "--model", final, "--data", data, "--template", "chat", "--k", "2", "--max-new-tokens", "4", "--limit", "2", "--out", samples));
        var rows = global::Sift.Eval.SampleFile.Read(samples);
        Assert.Equal(2, rows.Count);
        var chat = TokenizerConfig.Load(Path.Combine(dir, "tokenizer_config.json")).ChatTemplate();
        Assert.Equal(chat.Apply([ChatMessage.User(rows[0].Question)], new ChatTemplateOptions { AddGenerationPrompt = true }), rows[0].Prompt);
    }
}
