using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Inference;
using Sift.Model;
using Sift.Model.Checkpoints;
using Sift.Runs;
using Sift.Tests.Support;
using Sift.Tests.Text;
using Sift.Text.Chat;

namespace Sift.Tests.Cli.Commands;

/// <summary>
/// `sift eval --template chat` on a Hugging Face directory as a user has it: a tiny random Qwen3-shaped
/// model with Qwen's real vocabulary (151,669 ids), tokenizer.json, tokenizer_config.json (its chat
/// template) and generation_config.json, evaluated end to end on GSM8K problems.
/// </summary>
[Collection("Console")]
public sealed class EvalCommandTests
{
    private const int QwenVocab = 151_669;
    private const int ImEnd = 151_645;
    private const int EndOfText = 151_643;

    private const string ConfigJson = """
        {
          "architectures": ["Qwen3ForCausalLM"],
          "model_type": "qwen3",
          "hidden_size": 16,
          "intermediate_size": 32,
          "num_hidden_layers": 1,
          "num_attention_heads": 2,
          "num_key_value_heads": 1,
          "head_dim": 8,
          "vocab_size": 151669,
          "max_position_embeddings": 1024,
          "rms_norm_eps": 1e-06,
          "rope_theta": 1000000.0,
          "attention_bias": false,
          "tie_word_embeddings": false,
          "bos_token_id": 151643,
          "eos_token_id": 151645,
          "torch_dtype": "float32"
        }
        """;

    private const string GenerationConfigJson = """
        {"bos_token_id": 151643, "eos_token_id": [151645, 151643], "pad_token_id": 151643, "do_sample": true, "temperature": 0.6}
        """;

    private static (int Code, string Out, string Err) Run(params string[] args) => Sift.Tests.Support.CliRun.Invoke(args);

    /// <summary>
    /// Builds the directory. The weights are random except the output layer: the final norm keeps one
    /// channel d and lm_head maps +d to &lt;|im_end|&gt; and -d to &lt;|endoftext|&gt; (every other
    /// logit 0), so greedy decoding emits one of the two stop ids first, whatever the prompt.
    /// </summary>
    internal static string QwenDirectory(bool stopAtOnce = true)
    {
        var tokenizerJson = SharedTokenizers.Require("qwen3");
        var dir = Path.Combine(Path.GetTempPath(), "sift-tests", "qwen-random-" + Guid.NewGuid().ToString("N")[..8]);
        var config = ModelConfig.FromJson(ConfigJson);
        using (var model = TransformerModel.Create(config, 11))
        {
            if (stopAtOnce)
            {
                var tensors = CheckpointNaming.Tensors(model).ToDictionary(t => t.Name);
                var w = model.Weights.Span;
                var norm = tensors["model.norm.weight"];
                w.Slice((int)norm.Offset, (int)norm.Size).Clear();
                w[(int)norm.Offset] = 1f;
                var head = tensors["lm_head.weight"];
                Assert.False(head.Transposed);
                w.Slice((int)head.Offset, (int)head.Size).Clear();
                w[(int)(head.Offset + (long)ImEnd * config.HiddenSize)] = 10f;
                w[(int)(head.Offset + (long)EndOfText * config.HiddenSize)] = -10f;
            }
            ModelDirectory.Save(dir, model);
        }
        // The files as the Hub ships them, not as Sift would write them.
        File.WriteAllText(Path.Combine(dir, "config.json"), ConfigJson);
        File.WriteAllText(Path.Combine(dir, "generation_config.json"), GenerationConfigJson);
        File.Copy(tokenizerJson, Path.Combine(dir, "tokenizer.json"));
        File.Copy(Path.Combine(Path.GetDirectoryName(tokenizerJson)!, "tokenizer_config.json"), Path.Combine(dir, "tokenizer_config.json"));
        return dir;
    }

    [SkippableFact]
    public void Eval_with_the_chat_template_runs_on_a_random_qwen_directory_and_stops_at_its_eos()
    {
        var data = Requires.SharedDataFile("gsm8k/test.jsonl");
        var dir = QwenDirectory();
        var run = Path.Combine(dir, "run");
        const string System = "You are a careful math tutor.";
        var (code, output, err) = Run("eval", "--model", dir, "--data", data, "--template", "chat", "--limit", "3", "--max-new-tokens", "8",
            "--system-prompt", System, "--boxed-instruction", "--out", run);
        Assert.True(code == 0, err + output);

        var chat = TokenizerConfig.Load(Path.Combine(dir, "tokenizer_config.json")).ChatTemplate();
        var rows = File.ReadAllLines(Path.Combine(run, "samples", "eval.jsonl")).Select(l => JsonNode.Parse(l)!.AsObject()).ToArray();
        Assert.Equal(3, rows.Length);
        foreach (var row in rows)
        {
            var question = (string)row["question"]!;
            var expected = chat.Apply([ChatMessage.System(System), ChatMessage.User(question + "\n" + PromptTemplate.BoxedInstruction)], new ChatTemplateOptions { AddGenerationPrompt = true });
            Assert.Equal(expected, (string)row["prompt"]!);
            Assert.StartsWith("<|im_start|>system\n" + System + "<|im_end|>\n<|im_start|>user\n", expected, StringComparison.Ordinal);
            Assert.EndsWith("<|im_start|>assistant\n", expected, StringComparison.Ordinal);
            Assert.Equal("", (string)row["greedy"]!["text"]!);
        }

        // The same directory through the library: no BOS, <|im_start|> as one id, stopped by a stop id after one token.
        var (m, tokenizer) = SavedModel.Load(dir);
        using (m)
        {
            Assert.Equal(QwenVocab, tokenizer.VocabSize);
            Assert.Empty(tokenizer.PrefixIds);
            Assert.Equal(ImEnd, tokenizer.EosId);
            Assert.Contains(EndOfText, m.Config.StopTokenIds);
            var template = Sift.Cli.Commands.TrainOptions.ResolveTemplate("chat", dir, System, boxedInstruction: true);
            var sampler = new ProblemSampler(m, tokenizer, template);
            var problems = JsonlDataset.Read(data, FieldMap.DetectFile(data)).Problems.Take(2).ToArray();
            Assert.Equal(tokenizer.TokenToId("<|im_start|>"), sampler.PromptTokens(problems[0].Question)[0]);
            var samples = sampler.Sample(problems, SamplingSettings.Greedy(8));
            Assert.All(samples, s => Assert.Equal(("stop_token", 1), (s.Completions[0].Finish, s.Completions[0].Tokens)));
        }
    }

    [SkippableFact]
    public void A_tokenizer_config_naming_a_token_the_vocabulary_lacks_is_an_error_naming_the_file_and_field()
    {
        var dir = QwenDirectory(stopAtOnce: false);
        var configPath = Path.Combine(dir, "tokenizer_config.json");
        var config = JsonNode.Parse(File.ReadAllText(configPath))!.AsObject();
        config["eos_token"] = "<|no_such_token|>";
        File.WriteAllText(configPath, config.ToJsonString());
        var data = Path.Combine(dir, "p.jsonl");
        File.WriteAllText(data, "{\"question\": \"1+1?\", \"answer\": \"#### 2\"}\n");
        var (code, _, err) = Run("eval", "--model", dir, "--data", data, "--template", "chat");
        Assert.Equal(1, code);
        Assert.Contains("tokenizer_config.json: field 'eos_token': '<|no_such_token|>' is not a token of", err, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_directory_without_a_tokenizer_is_an_error_naming_the_file()
    {
        var dir = QwenDirectory(stopAtOnce: false);
        File.Delete(Path.Combine(dir, "tokenizer.json"));
        var data = Path.Combine(dir, "p.jsonl");
        File.WriteAllText(data, "{\"question\": \"1+1?\", \"answer\": \"#### 2\"}\n");
        var (code, _, err) = Run("eval", "--model", dir, "--data", data, "--template", "chat");
        Assert.Equal(1, code);
        Assert.Contains("tokenizer.json: missing", err, StringComparison.Ordinal);
    }
}
