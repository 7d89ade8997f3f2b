using System.CommandLine;
using Sift.Data;
using Sift.Runs;
using Sift.Training.Sft;

namespace Sift.Cli.Commands;

/// <summary>Options shared by the commands that fine-tune (`sift train sft`, `sift rft`), with the library's defaults.</summary>
internal sealed class TrainOptions
{
    private static readonly SftOptions Defaults = new();

    public Option<double> Epochs { get; } = new("--epochs") { Description = "Passes over the training data (ignored when --steps > 0).", DefaultValueFactory = _ => Defaults.Epochs };
    public Option<int> Steps { get; } = new("--steps") { Description = "Optimizer steps (0: use --epochs).", DefaultValueFactory = _ => 0 };
    public Option<int> BatchSize { get; } = new("--batch-size") { Description = "Examples per optimizer step (rows padded to the longest in the batch).", DefaultValueFactory = _ => Defaults.BatchSize };
    public Option<int> BucketWindow { get; } = new("--bucket-window") { Description = "Batches per length-sorting window (1 disables length bucketing).", DefaultValueFactory = _ => Defaults.BucketWindow };
    public Option<double> LearningRate { get; } = new("--lr") { Description = "Peak learning rate (linear warm-up, then cosine decay).", DefaultValueFactory = _ => Defaults.LearningRate };
    public Option<double> MinLrRatio { get; } = new("--min-lr-ratio") { Description = "Cosine floor as a fraction of the peak learning rate.", DefaultValueFactory = _ => Defaults.MinLearningRateRatio };
    public Option<double> Warmup { get; } = new("--warmup") { Description = "Warm-up steps as a fraction of all steps.", DefaultValueFactory = _ => Defaults.WarmupFraction };
    public Option<double> WeightDecay { get; } = new("--weight-decay") { Description = "AdamW weight decay (2-D weights only).", DefaultValueFactory = _ => Defaults.WeightDecay };
    public Option<float> MaxGradNorm { get; } = new("--max-grad-norm") { Description = "Global gradient-norm clip (0 disables).", DefaultValueFactory = _ => Defaults.MaxGradNorm };
    public Option<int> Seed { get; } = new("--seed") { Description = "Root seed (weight init of a fresh model, data order).", DefaultValueFactory = _ => 1 };
    public Option<int> CheckpointEvery { get; } = new("--checkpoint-every") { Description = "Save a resumable checkpoint every N steps (0: only at the end).", DefaultValueFactory = _ => Defaults.CheckpointEvery };
    public Option<int> EvalEvery { get; } = new("--eval-every") { Description = "Evaluate every N steps: held-out loss, and greedy accuracy for `sift train sft --eval-data` (0: loss only, at the end).", DefaultValueFactory = _ => 0 };
    public Option<string> Template { get; } = new("--template") { Description = "Prompt template: plain ('Question: {q}\\nAnswer: '), alpaca (the paper's) or chat (the model directory's own chat template, ChatML turns when it has none; loss on the assistant turn).", DefaultValueFactory = _ => "plain" };
    public Option<string?> SystemPrompt { get; } = new("--system-prompt") { Description = "With --template chat: a system turn before the question." };
    public Option<bool> BoxedInstruction { get; } = new("--boxed-instruction") { Description = "With --template chat: put \"" + PromptTemplate.BoxedInstruction + "\" after the question (as math evaluations of chat models do)." };
    public Option<string?> Fields { get; } = new("--fields") { Description = "Field map of the JSONL files: gsm8k, math, prompt-response, query-response, svamp, asdiv (default: detect)." };
    public Option<bool> SkipInvalid { get; } = new("--skip-invalid") { Description = "Skip malformed rows (and print how many) instead of stopping at the first." };

    public void AddTo(Command command)
    {
        foreach (var o in new Option[] { Epochs, Steps, BatchSize, BucketWindow, LearningRate, MinLrRatio, Warmup, WeightDecay, MaxGradNorm, Seed, CheckpointEvery, EvalEvery, Template, SystemPrompt, BoxedInstruction, Fields, SkipInvalid })
        {
            command.Options.Add(o);
        }
    }

    public SftOptions Read(ParseResult p) => new()
    {
        Epochs = p.GetValue(Epochs),
        MaxSteps = p.GetValue(Steps),
        BatchSize = p.GetValue(BatchSize),
        BucketWindow = p.GetValue(BucketWindow),
        LearningRate = p.GetValue(LearningRate),
        MinLearningRateRatio = p.GetValue(MinLrRatio),
        WarmupFraction = p.GetValue(Warmup),
        WeightDecay = p.GetValue(WeightDecay),
        MaxGradNorm = p.GetValue(MaxGradNorm),
        Seed = (ulong)p.GetValue(Seed),
        CheckpointEvery = p.GetValue(CheckpointEvery),
        EvalEvery = p.GetValue(EvalEvery),
    };

    /// <summary>The SFT settings: <paramref name="fallback"/> (a config's) where a flag is not given explicitly.</summary>
    public SftOptions Read(ParseResult p, SftOptions fallback)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(fallback);
        T Pick<T>(Option<T> option, T value) => p.GetResult(option) is { Implicit: false } ? p.GetValue(option)! : value;
        return fallback with
        {
            Epochs = Pick(Epochs, fallback.Epochs),
            MaxSteps = Pick(Steps, fallback.MaxSteps),
            BatchSize = Pick(BatchSize, fallback.BatchSize),
            BucketWindow = Pick(BucketWindow, fallback.BucketWindow),
            LearningRate = Pick(LearningRate, fallback.LearningRate),
            MinLearningRateRatio = Pick(MinLrRatio, fallback.MinLearningRateRatio),
            WarmupFraction = Pick(Warmup, fallback.WarmupFraction),
            WeightDecay = Pick(WeightDecay, fallback.WeightDecay),
            MaxGradNorm = Pick(MaxGradNorm, fallback.MaxGradNorm),
            CheckpointEvery = Pick(CheckpointEvery, fallback.CheckpointEvery),
            EvalEvery = Pick(EvalEvery, fallback.EvalEvery),
        };
    }

    /// <summary>The options that choose the prompt template (for commands that take no training flags).</summary>
    public IEnumerable<Option> TemplateOptions => [Template, SystemPrompt, BoxedInstruction];

    /// <summary>
    /// The prompt template the flags ask for: plain or alpaca by name; chat over the chat template of
    /// <paramref name="modelDirectory"/> when it has one (tokenizer_config.json or chat_template.jinja),
    /// ChatML otherwise, with the optional system turn and boxed instruction.
    /// </summary>
    public PromptTemplate ResolveTemplate(ParseResult p, string? modelDirectory) =>
        ResolveTemplate(p.GetValue(Template)!, modelDirectory, p.GetValue(SystemPrompt), p.GetValue(BoxedInstruction));

    /// <summary>See <see cref="ResolveTemplate(ParseResult, string?)"/>.</summary>
    public static PromptTemplate ResolveTemplate(string name, string? modelDirectory, string? systemPrompt, bool boxedInstruction)
    {
        var named = PromptTemplate.ByName(name);
        if (named.Chat is null)
        {
            if (systemPrompt is not null || boxedInstruction) throw new ArgumentException($"--system-prompt and --boxed-instruction need --template chat (the template is '{named.Name}')");
            return named;
        }
        var own = modelDirectory is null ? null : SavedModel.LoadChatTemplate(modelDirectory);
        return PromptTemplate.ForChat(own ?? named.Chat, named.Name, systemPrompt, boxedInstruction);
    }

    /// <summary>Reads a problem file with the chosen (or detected) field map; prints the skip count.</summary>
    public IReadOnlyList<MathProblem> ReadProblems(ParseResult p, string path)
    {
        var map = p.GetValue(Fields) is { } name ? FieldMap.ByName(name) : FieldMap.DetectFile(path);
        var result = JsonlDataset.Read(path, map, p.GetValue(SkipInvalid));
        if (result.SkipSummary is { } skipped) Console.Error.WriteLine($"{path}: {skipped}");
        return result.Problems;
    }
}
