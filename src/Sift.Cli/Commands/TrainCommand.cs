using System.CommandLine;
using System.Globalization;
using Sift.Data;
using Sift.Model;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Text;
using Sift.Training.Sft;
using Sift.Model.Sampling;

namespace Sift.Cli.Commands;

/// <summary>`sift train sft`: supervised fine-tuning of a model (fresh or loaded) on a JSONL dataset.</summary>
public sealed class TrainCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("train", "Train models.");
        command.Subcommands.Add(BuildSft());
        return command;
    }

    private static Command BuildSft()
    {
        var shape = new ModelShape();
        var t = new TrainOptions();
        var data = new Option<string>("--data") { Description = "Training JSONL (GSM8K question/answer, MATH problem/solution or prompt/response rows).", Required = true };
        var output = new Option<string>("--out") { Description = "Run directory: config.yaml, log.jsonl, checkpoints/last (resume), checkpoints/base, checkpoints/final (the model).", Required = true };
        var model = new Option<string?>("--model") { Description = "Start from this model directory (config.json, model.safetensors, tokenizer.json); default: a fresh model." };
        var tokenizerPath = new Option<string?>("--tokenizer") { Description = "tokenizer.json for a fresh model (default: train a BPE tokenizer on the data)." };
        var vocab = new Option<int>("--vocab-size") { Description = "Vocabulary of a tokenizer trained on the data.", DefaultValueFactory = _ => 384 };
        var family = new Option<string>("--family") { Description = "Fresh model family: llama (RoPE, RMSNorm, SwiGLU) or gpt2.", DefaultValueFactory = _ => "llama" };
        var hidden = new Option<int>("--hidden") { Description = "Fresh model width.", DefaultValueFactory = _ => shape.Hidden };
        var layers = new Option<int>("--layers") { Description = "Fresh model layers.", DefaultValueFactory = _ => shape.Layers };
        var heads = new Option<int>("--heads") { Description = "Fresh model attention heads (hidden must be a multiple).", DefaultValueFactory = _ => shape.Heads };
        var intermediate = new Option<int>("--intermediate") { Description = "Fresh model MLP width.", DefaultValueFactory = _ => shape.Intermediate };
        var context = new Option<int>("--context") { Description = "Fresh model context (longer examples are dropped and counted).", DefaultValueFactory = _ => shape.Context };
        var evalData = new Option<string?>("--eval-data") { Description = "Held-out JSONL: its loss at every --eval-every steps and the end, and greedy accuracy on its first 64 problems when --eval-every > 0." };
        var evalLimit = new Option<int>("--eval-limit") { Description = "Held-out examples used for the loss.", DefaultValueFactory = _ => 256 };
        var command = new Command("sft", "Supervised fine-tuning: loss on response tokens only, length-bucketed batches, warm-up + cosine, checkpoints; run again with the same --out to resume after a kill.");
        foreach (var o in new Option[] { data, output, model, tokenizerPath, vocab, family, hidden, layers, heads, intermediate, context, evalData, evalLimit }) command.Options.Add(o);
        t.AddTo(command);
        command.SetAction(parse =>
        {
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                var template = PromptTemplate.ByName(parse.GetValue(t.Template)!);
                var problems = t.ReadProblems(parse, parse.GetValue(data)!);
                var held = parse.GetValue(evalData) is { } ev ? t.ReadProblems(parse, ev).Take(parse.GetValue(evalLimit)).ToArray() : [];
                var options = t.Read(parse);
                var run = RunDirectory.Open(parse.GetValue(output)!);
                BpeTokenizer tokenizer;
                ModelConfig config;
                var baseDir = parse.GetValue(model);
                if (baseDir is not null)
                {
                    var (m, tok) = SavedModel.Load(baseDir);
                    config = m.Config;
                    tokenizer = tok;
                    m.Dispose();
                }
                else
                {
                    var tokPath = parse.GetValue(tokenizerPath) ?? Path.Combine(run.Root, "tokenizer.json");
                    if (File.Exists(tokPath))
                    {
                        tokenizer = BpeTokenizer.Load(tokPath);
                    }
                    else
                    {
                        console.Stage($"training a {parse.GetValue(vocab)}-token BPE tokenizer");
                        tokenizer = TokenizerTraining.OnProblems(problems, template, parse.GetValue(vocab));
                        tokenizer.Save(tokPath);
                    }
                    var fam = parse.GetValue(family)!.ToLowerInvariant() switch
                    {
                        "llama" => Sift.Model.ModelFamily.Llama,
                        "gpt2" => Sift.Model.ModelFamily.Gpt2,
                        var other => throw new ArgumentException($"--family: '{other}' is not llama or gpt2"),
                    };
                    config = new ModelShape
                    {
                        Family = fam, Hidden = parse.GetValue(hidden), Layers = parse.GetValue(layers), Heads = parse.GetValue(heads),
                        KeyValueHeads = parse.GetValue(heads), Intermediate = parse.GetValue(intermediate), Context = parse.GetValue(context),
                    }.ToConfig(tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId);
                }
                run.WriteConfig(string.Join('\n', parse.Tokens.Select(x => "# " + x.Value)) + "\n" + SftConfigYaml(options, parse.GetValue(data)!, baseDir, template.Name) + "model_config: " + config.ToJson().ReplaceLineEndings(" ") + "\n");
                console.Stage($"SFT on {problems.Count} problems ({config.NumHiddenLayers} layers, width {config.HiddenSize}, vocab {config.VocabSize})");
                var pairs = problems.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
                var heldPairs = held.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
                // Periodic evaluation: held-out loss always; greedy accuracy on up to 64 held-out problems when --eval-every > 0.
                var accuracyProblems = held.Take(64).ToArray();
                Func<TransformerModel, long, System.Text.Json.Nodes.JsonObject>? evaluate = accuracyProblems.Length == 0 || options.EvalEvery == 0 ? null : (m, step) =>
                {
                    var report = new Sift.Eval.EvalRunner(m, tokenizer, template).Run(accuracyProblems, new Sift.Eval.EvalOptions { K = 0, MaxNewTokens = Math.Min(256, config.MaxPositionEmbeddings / 2) });
                    console.Info(string.Format(CultureInfo.InvariantCulture, "step {0}: greedy accuracy {1:P1} on {2} held-out problems", step, report.GreedyAccuracy, accuracyProblems.Length));
                    return new System.Text.Json.Nodes.JsonObject { ["greedy"] = report.GreedyAccuracy, ["greedy_problems"] = accuracyProblems.Length };
                };
                var (trained, result) = SftJob.Train(run, config, SeedDerivation.DeriveSeed(parse.GetValue(t.Seed), "init/a"), baseDir, tokenizer, template, pairs, heldPairs, options, console.Training("sft"), evaluate, cts.Token);
                trained.Dispose();
                console.EndLine();
                if (!result.Completed)
                {
                    Console.Error.WriteLine($"stopped at step {result.Steps}; run the same command to resume from the last checkpoint");
                    return 130;
                }
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "done: {0} steps, loss {1:F4}, held-out loss {2:F4}, {3:F0} tokens/s, {4:F1} s; model: {5}",
                    result.Steps, result.FinalLoss, result.EvalLoss, result.TokensPerSecond, result.Elapsed.TotalSeconds, run.CheckpointDir("final")));
                return 0;
            }, console);
        });
        return command;
    }

    private static string SftConfigYaml(Sift.Training.Sft.SftOptions o, string data, string? baseDir, string template)
    {
        var inv = CultureInfo.InvariantCulture;
        return string.Join('\n',
            $"data: \"{data}\"",
            $"model: {(baseDir is null ? "fresh" : "\"" + baseDir + "\"")}",
            $"template: {template}",
            "sft:",
            string.Format(inv, "  epochs: {0}", o.Epochs),
            string.Format(inv, "  steps: {0}", o.MaxSteps),
            string.Format(inv, "  batch_size: {0}", o.BatchSize),
            string.Format(inv, "  bucket_window: {0}", o.BucketWindow),
            string.Format(inv, "  lr: {0}", o.LearningRate),
            string.Format(inv, "  min_lr_ratio: {0}", o.MinLearningRateRatio),
            string.Format(inv, "  warmup: {0}", o.WarmupFraction),
            string.Format(inv, "  weight_decay: {0}", o.WeightDecay),
            string.Format(inv, "  max_grad_norm: {0}", o.MaxGradNorm),
            string.Format(inv, "  seed: {0}", o.Seed),
            string.Format(inv, "  checkpoint_every: {0}", o.CheckpointEvery),
            "");
    }
}
