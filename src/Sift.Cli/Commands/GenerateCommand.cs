using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Inference;
using Sift.Model.Checkpoints;
using Sift.Model.Sampling;
using Sift.Runs;
using Sift.Text;

namespace Sift.Cli.Commands;

/// <summary>`sift generate`: one prompt's continuation from a model directory (the first smoke test of a checkpoint).</summary>
public sealed class GenerateCommand : ICliCommand
{
    public Command Build()
    {
        var model = new Option<string>("--model") { Description = "Model directory (config.json, model.safetensors or shards; tokenizer.json needed for --prompt).", Required = true };
        var prompt = new Option<string?>("--prompt") { Description = "Prompt text (encoded with the directory's tokenizer.json; special tokens in it stay special)." };
        var promptIds = new Option<string?>("--prompt-ids") { Description = "Prompt as token ids, e.g. 1,403,407 (no tokenizer needed; used as given, no BOS added)." };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Most new tokens.", DefaultValueFactory = _ => 64 };
        var temperature = new Option<float>("--temperature") { Description = "Sampling temperature (0 = greedy).", DefaultValueFactory = _ => 1f };
        var topK = new Option<int>("--top-k") { Description = "Sample among the k most likely tokens only (0: off).", DefaultValueFactory = _ => 0 };
        var topP = new Option<float>("--top-p") { Description = "Nucleus threshold (1: off).", DefaultValueFactory = _ => 1f };
        var seed = new Option<int>("--seed") { Description = "Seed of the sampling stream.", DefaultValueFactory = _ => 1 };
        var noBos = new Option<bool>("--no-bos") { Description = "Do not put the tokenizer's BOS before --prompt (where its rules add one: Llama yes, Qwen no; with --chat a BOS the template writes stays)." };
        var chat = new Option<bool>("--chat") { Description = "Wrap --prompt as a user turn with the model's chat template (tokenizer_config.json's chat_template; ChatML when it has none) and its generation prompt." };
        var systemPrompt = new Option<string?>("--system-prompt") { Description = "With --chat: a system turn before the prompt." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: prompt, prompt_ids, ids, text, finish_reason." };
        var command = new Command("generate", "Continue one prompt with a model: greedy or sampled, stopping at the model's EOS ids.");
        foreach (var o in new Option[] { model, prompt, promptIds, maxNew, temperature, topK, topP, seed, noBos, chat, systemPrompt, json }) command.Options.Add(o);
        command.SetAction(parse => CommandGuard.Run(() =>
        {
            string dir = parse.GetValue(model)!;
            string? text = parse.GetValue(prompt), ids = parse.GetValue(promptIds);
            if ((text is null) == (ids is null)) throw new ArgumentException("give exactly one of --prompt TEXT and --prompt-ids 1,2,3");
            if (!Directory.Exists(dir)) throw new DirectoryNotFoundException($"{dir}: model directory not found");
            var tokenizerPath = Path.Combine(dir, SavedModel.TokenizerFile);
            BpeTokenizer? tokenizer = File.Exists(tokenizerPath) ? SavedModel.LoadTokenizer(dir) : null;
            bool asChat = parse.GetValue(chat);
            if (asChat && text is null) throw new ArgumentException("--chat needs --prompt TEXT (the user turn)");
            if (!asChat && parse.GetValue(systemPrompt) is not null) throw new ArgumentException("--system-prompt needs --chat");
            if (text is not null && tokenizer is null) throw new FileNotFoundException($"{tokenizerPath}: missing; --prompt needs the model's tokenizer (or give --prompt-ids)", tokenizerPath);
            var options = new SamplingOptions
            {
                Temperature = parse.GetValue(temperature), TopK = parse.GetValue(topK), TopP = parse.GetValue(topP),
                MaxNewTokens = parse.GetValue(maxNew), Seed = (ulong)parse.GetValue(seed),
            };
            options.Validate();
            using var m = ModelDirectory.Load(dir);
            string? rendered = text;
            int[] input;
            if (asChat)
            {
                var template = SavedModel.LoadChatTemplate(dir) ?? Sift.Data.PromptTemplate.ChatMl.Chat!;
                (rendered, input) = PromptContinuation.EncodeChat(tokenizer!, template, text!, parse.GetValue(systemPrompt), addBos: !parse.GetValue(noBos));
            }
            else
            {
                input = text is not null ? PromptContinuation.Encode(tokenizer!, text, addBos: !parse.GetValue(noBos)) : ParseIds(ids!);
            }
            var result = PromptContinuation.Generate(m, input, options, tokenizer);
            if (parse.GetValue(json))
            {
                var o = new JsonObject
                {
                    ["prompt"] = text,
                    ["rendered_prompt"] = asChat ? rendered : null,
                    ["prompt_ids"] = new JsonArray([.. result.PromptIds.Select(i => (JsonNode)i)]),
                    ["ids"] = new JsonArray([.. result.Ids.Select(i => (JsonNode)i)]),
                    ["text"] = result.Text,
                    ["finish_reason"] = JsonNamingPolicy.SnakeCaseLower.ConvertName(result.Reason.ToString()),
                };
                Console.WriteLine(o.ToJsonString());
            }
            else
            {
                // Like llama.cpp and llama2.c's run: the prompt, then its continuation.
                Console.WriteLine(result.Text is null ? string.Join(',', result.Ids) : (rendered ?? "") + result.Text);
            }
            return 0;
        }));
        return command;
    }

    private static int[] ParseIds(string list)
    {
        var parts = list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var ids = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out ids[i]))
                throw new ArgumentException($"--prompt-ids: '{parts[i]}' (item {i + 1}) is not a token id; give non-negative integers separated by commas");
        }
        if (ids.Length == 0) throw new ArgumentException("--prompt-ids: no ids given");
        return ids;
    }
}
