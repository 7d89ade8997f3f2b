using System.CommandLine;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Eval;
using Sift.Runs;
using Sift.Inference;

namespace Sift.Cli.Commands;

/// <summary>`sift eval`: greedy accuracy, maj1@k and pass@k of a model on a dataset, with throughput.</summary>
public sealed class EvalCommand : ICliCommand
{
    public Command Build()
    {
        var defaults = new EvalOptions();
        var t = new TrainOptions();
        var model = new Option<string>("--model") { Description = "Model directory as Hugging Face lays it out (config.json, model.safetensors or shards, tokenizer.json; tokenizer_config.json and generation_config.json when there).", Required = true };
        var data = new Option<string>("--data") { Description = "Test JSONL, e.g. ../shared/data/gsm8k/test.jsonl (fields detected from the first row unless --fields).", Required = true };
        var output = new Option<string?>("--out") { Description = "Run directory for results.json, log.jsonl and samples/eval.jsonl (per-problem prompt, samples, answers, verdicts)." };
        var k = new Option<int>("--k") { Description = "Samples per problem for maj1@k and pass@k (0: greedy only).", DefaultValueFactory = _ => 0 };
        var noGreedy = new Option<bool>("--no-greedy") { Description = "Skip greedy decoding (only the k samples)." };
        var temperature = new Option<float>("--temperature") { Description = "Temperature of the k samples.", DefaultValueFactory = _ => defaults.Sampling.Decoding.Temperature };
        var topK = new Option<int>("--top-k") { Description = "Top-k filter of the k samples (0: off).", DefaultValueFactory = _ => 0 };
        var maxNew = new Option<int>("--max-new-tokens") { Description = "Most tokens per completion (also capped by the model's context).", DefaultValueFactory = _ => 256 };
        var seed = new Option<int>("--seed") { Description = "Root seed of the samples.", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--batch") { Description = "Sequences decoded together (KV-cache slots).", DefaultValueFactory = _ => defaults.Sampling.BatchSize };
        var limit = new Option<int>("--limit") { Description = "Only the first N problems (0: all).", DefaultValueFactory = _ => 0 };
        var command = new Command("eval", "Evaluate a model on a dataset: greedy accuracy (maj1@1), maj1@k over grader-equivalent answers, unbiased pass@k; prints problems/s and tokens/s.");
        foreach (var o in new Option[] { model, data, output, k, noGreedy, temperature, topK, maxNew, seed, batch, limit, t.Template, t.SystemPrompt, t.BoxedInstruction, t.Fields, t.SkipInvalid }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                var problems = t.ReadProblems(parse, parse.GetValue(data)!);
                if (parse.GetValue(limit) > 0) problems = problems.Take(parse.GetValue(limit)).ToArray();
                var (m, tokenizer) = SavedModel.Load(parse.GetValue(model)!);
                using (m)
                {
                    var options = new EvalOptions
                    {
                        Greedy = !parse.GetValue(noGreedy),
                        Sampling = SamplingSettings.Sampled(parse.GetValue(k), parse.GetValue(temperature), parse.GetValue(maxNew), parse.GetValue(batch), (ulong)parse.GetValue(seed), parse.GetValue(topK)),
                    };
                    var run = parse.GetValue(output) is { } dir ? RunDirectory.Open(dir) : null;
                    console.Stage($"evaluating {parse.GetValue(model)} on {problems.Count} problems of {parse.GetValue(data)}");
                    var runner = new EvalRunner(m, tokenizer, t.ResolveTemplate(parse, parse.GetValue(model)));
                    var report = runner.Run(problems, options, run?.SamplesFile("eval.jsonl"), console.Sampling("eval"), cts.Token);
                    console.EndLine();
                    if (run is not null)
                    {
                        run.WriteConfig(string.Join(' ', parse.Tokens.Select(x => x.Value)) is var args ? $"# sift eval {args}\nmodel: \"{parse.GetValue(model)}\"\ndata: \"{parse.GetValue(data)}\"\n" : "");
                        run.WriteResults(new JsonObject { ["eval"] = report.ToJson() });
                        using var log = run.OpenLog();
                        log.Write("eval", report.ToJson());
                    }
                    Console.WriteLine(report.Summary());
                }
                return 0;
            }, console);
        });
        return command;
    }
}
