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
        var defaults = new SftRunConfig();
        var shape = defaults.Model;
        var t = new TrainOptions();
        var configFile = new Option<string?>("--config") { Description = "Start from a config.yaml that `sift train sft` wrote (RUN/config.yaml): its data, template, base model or fresh model shape, tokenizer, seed and SFT settings; flags given explicitly override it." };
        var data = new Option<string?>("--data") { Description = "Training JSONL (GSM8K question/answer, MATH problem/solution or prompt/response rows); required unless --config gives it." };
        var output = new Option<string>("--out") { Description = "Run directory: config.yaml (loads back with --config), log.jsonl, checkpoints/last (resume), checkpoints/base, checkpoints/final (the model).", Required = true };
        var model = new Option<string?>("--model") { Description = "Start from this model directory (config.json, model.safetensors, tokenizer.json); default: a fresh model." };
        var tokenizerPath = new Option<string?>("--tokenizer") { Description = "tokenizer.json for a fresh model, with the tokenizer_config.json beside it when there is one (default: train a BPE tokenizer on the data)." };
        var vocab = new Option<int>("--vocab-size") { Description = "Vocabulary of a tokenizer trained on the data.", DefaultValueFactory = _ => defaults.VocabSize };
        var family = new Option<string>("--family") { Description = "Fresh model family: llama (RoPE, RMSNorm, SwiGLU) or gpt2.", DefaultValueFactory = _ => "llama" };
        var hidden = new Option<int>("--hidden") { Description = "Fresh model width.", DefaultValueFactory = _ => shape.Hidden };
        var layers = new Option<int>("--layers") { Description = "Fresh model layers.", DefaultValueFactory = _ => shape.Layers };
        var heads = new Option<int>("--heads") { Description = "Fresh model attention heads (hidden must be a multiple; one key/value head per head).", DefaultValueFactory = _ => shape.Heads };
        var intermediate = new Option<int>("--intermediate") { Description = "Fresh model MLP width.", DefaultValueFactory = _ => shape.Intermediate };
        var context = new Option<int>("--context") { Description = "Fresh model context (longer examples are dropped and counted).", DefaultValueFactory = _ => shape.Context };
        var evalData = new Option<string?>("--eval-data") { Description = "Held-out JSONL: its loss at every --eval-every steps and the end, and greedy accuracy on its first 64 problems when --eval-every > 0." };
        var evalLimit = new Option<int>("--eval-limit") { Description = "Held-out examples used for the loss.", DefaultValueFactory = _ => defaults.EvalLimit };
        var command = new Command("sft", "Supervised fine-tuning: loss on response tokens only, length-bucketed batches, warm-up + cosine, checkpoints; run again with the same --out to resume after a kill. RUN/config.yaml records the settings; `--config RUN/config.yaml --out NEW` trains again with them (explicit flags override).");
        foreach (var o in new Option[] { configFile, data, output, model, tokenizerPath, vocab, family, hidden, layers, heads, intermediate, context, evalData, evalLimit }) command.Options.Add(o);
        t.AddTo(command);
        command.SetAction(parse =>
        {
            SftRunConfig start;
            try
            {
                start = parse.GetValue(configFile) is { } file ? SftRunConfigYaml.Load(file) : defaults;
            }
            catch (Sift.IO.Yaml.ConfigException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                T Pick<T>(Option<T> option, T fallback) => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : fallback;
                string? PickPath(Option<string?> option, string? fallback) => Pick(option, fallback) is { } p ? Path.GetFullPath(p) : null;
                bool headsGiven = parse.GetResult(heads) is { Implicit: false };
                var fam = Pick(family, start.Model.Family == Sift.Model.ModelFamily.Llama ? "llama" : "gpt2").ToLowerInvariant() switch
                {
                    "llama" => Sift.Model.ModelFamily.Llama,
                    "gpt2" => Sift.Model.ModelFamily.Gpt2,
                    var other => throw new ArgumentException($"--family: '{other}' is not llama or gpt2"),
                };
                int seed = Pick(t.Seed, start.Seed);
                var cfg = start with
                {
                    Data = PickPath(data, start.Data) ?? throw new ArgumentException("--data is required (or --config with a data field)"),
                    EvalData = PickPath(evalData, start.EvalData),
                    EvalLimit = Pick(evalLimit, start.EvalLimit),
                    Fields = Pick(t.Fields, start.Fields),
                    SkipInvalid = Pick(t.SkipInvalid, start.SkipInvalid),
                    Template = Pick(t.Template, start.Template),
                    SystemPrompt = Pick(t.SystemPrompt, start.SystemPrompt),
                    BoxedInstruction = Pick(t.BoxedInstruction, start.BoxedInstruction),
                    BaseModel = PickPath(model, start.BaseModel),
                    Tokenizer = PickPath(tokenizerPath, start.Tokenizer),
                    VocabSize = Pick(vocab, start.VocabSize),
                    Model = start.Model with
                    {
                        Family = fam,
                        Hidden = Pick(hidden, start.Model.Hidden),
                        Layers = Pick(layers, start.Model.Layers),
                        Heads = Pick(heads, start.Model.Heads),
                        KeyValueHeads = headsGiven ? parse.GetValue(heads) : start.Model.KeyValueHeads,
                        Intermediate = Pick(intermediate, start.Model.Intermediate),
                        Context = Pick(context, start.Model.Context),
                    },
                    Seed = seed,
                    Sft = t.Read(parse, start.Sft) with { Seed = unchecked((ulong)seed) },
                };
                var template = TrainOptions.ResolveTemplate(cfg.Template, cfg.BaseModel, cfg.SystemPrompt, cfg.BoxedInstruction);
                var problems = ReadProblems(cfg, cfg.Data);
                var held = cfg.EvalData is { } ev ? ReadProblems(cfg, ev).Take(cfg.EvalLimit).ToArray() : [];
                var options = cfg.Sft;
                var run = RunDirectory.Open(parse.GetValue(output)!);
                BpeTokenizer tokenizer;
                ModelConfig config;
                var baseDir = cfg.BaseModel;
                if (baseDir is not null)
                {
                    var (m, tok) = SavedModel.Load(baseDir);
                    config = m.Config;
                    tokenizer = tok;
                    m.Dispose();
                }
                else
                {
                    var tokPath = cfg.Tokenizer ?? Path.Combine(run.Root, "tokenizer.json");
                    if (File.Exists(tokPath))
                    {
                        tokenizer = BpeTokenizer.Load(tokPath);
                        // A tokenizer.json from a model directory brings its roles (BOS rule, EOS) from the tokenizer_config.json beside it.
                        var beside = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(tokPath))!, SavedModel.TokenizerConfigFile);
                        if (cfg.Tokenizer is not null && File.Exists(beside)) tokenizer = tokenizer.WithConfig(Sift.Text.Chat.TokenizerConfig.Load(beside));
                    }
                    else
                    {
                        console.Stage($"training a {cfg.VocabSize}-token BPE tokenizer");
                        tokenizer = TokenizerTraining.OnProblems(problems, template, cfg.VocabSize);
                        tokenizer.Save(tokPath);
                    }
                    config = cfg.Model.ToConfig(tokenizer.VocabSize, tokenizer.BosId, tokenizer.EosId);
                }
                run.WriteConfig(ConfigYaml(cfg, parse.Tokens.Select(x => x.Value), config));
                console.Stage($"SFT on {problems.Count} problems ({config.NumHiddenLayers} layers, width {config.HiddenSize}, vocab {config.VocabSize})");
                var pairs = problems.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
                var heldPairs = held.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
                // Periodic evaluation: held-out loss always; greedy accuracy on up to 64 held-out problems when --eval-every > 0.
                var accuracyProblems = held.Take(64).ToArray();
                Func<TransformerModel, long, System.Text.Json.Nodes.JsonObject>? evaluate = accuracyProblems.Length == 0 || options.EvalEvery == 0 ? null : (m, step) =>
                {
                    var report = new Sift.Eval.EvalRunner(m, tokenizer, template).Run(accuracyProblems, Sift.Eval.EvalOptions.GreedyOnly(Math.Min(256, config.MaxPositionEmbeddings / 2)));
                    console.Info(string.Format(CultureInfo.InvariantCulture, "step {0}: greedy accuracy {1:P1} on {2} held-out problems", step, report.GreedyAccuracy, accuracyProblems.Length));
                    return new System.Text.Json.Nodes.JsonObject { ["greedy"] = report.GreedyAccuracy, ["greedy_problems"] = accuracyProblems.Length };
                };
                var (trained, result) = SftJob.Train(run, config, SeedDerivation.DeriveSeed(seed, "init/a"), baseDir, tokenizer, template, pairs, heldPairs, options, console.Training("sft"), evaluate, cts.Token);
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

    /// <summary>RUN/config.yaml: the command line and the resolved model config as comments, then <see cref="SftRunConfigYaml"/> (loads back with --config).</summary>
    internal static string ConfigYaml(SftRunConfig config, IEnumerable<string> commandLine, ModelConfig? modelConfig = null)
    {
        var head = new Sift.IO.Yaml.YamlWriter();
        head.Comment("sift " + string.Join(' ', commandLine));
        if (modelConfig is not null) head.Comment("model_config: " + System.Text.Json.Nodes.JsonNode.Parse(modelConfig.ToJson())!.ToJsonString());
        return head + SftRunConfigYaml.ToYaml(config);
    }

    private static IReadOnlyList<MathProblem> ReadProblems(SftRunConfig c, string path)
    {
        var map = c.Fields is { } name ? FieldMap.ByName(name) : FieldMap.DetectFile(path);
        var result = JsonlDataset.Read(path, map, c.SkipInvalid);
        if (result.SkipSummary is { } skipped) Console.Error.WriteLine($"{path}: {skipped}");
        return result.Problems;
    }
}
