using System.CommandLine;
using Sift.Eval;
using Sift.Methods.Evaluator;
using Sift.Runs;

namespace Sift.Cli.Commands;

/// <summary>
/// `sift evaluator train` / `sift evaluator eval`: the solution evaluator of Liu et al. 2023, thin over
/// <see cref="EvaluatorRun"/>, <see cref="ModelEvaluatorScorer"/> and <see cref="EvaluatorReport"/>.
/// </summary>
public sealed class EvaluatorCommand : ICliCommand
{
    public Command Build()
    {
        var command = new Command("evaluator", "Train a solution evaluator on a generator's graded samples (S = p(correct) / (p(correct) + p(incorrect))) and measure its accuracy and AUC.");
        command.Subcommands.Add(BuildTrain());
        command.Subcommands.Add(BuildEval());
        return command;
    }

    private static Command BuildTrain()
    {
        var t = new EvaluatorTrainOptions();
        var d = new EvaluatorDataOptions();
        var samples = new Option<string[]>("--samples") { Description = "Samples files (samples/*.jsonl of `sift sample`/`sift eval`/`sift run`: graded completions per problem); rows with the same id are pooled.", Required = true, AllowMultipleArgumentsPerToken = true };
        var model = new Option<string>("--model") { Description = "The model directory to fine-tune (the generator's, as in the paper).", Required = true };
        var output = new Option<string>("--out") { Description = "Run directory: checkpoints/final (the evaluator), results.json, log.jsonl. Rerun to resume.", Required = true };
        var heldOut = new Option<double>("--held-out") { Description = "Fraction of problems held out (by problem) to measure accuracy and AUC.", DefaultValueFactory = _ => d.HeldOutFraction };
        var heldOutSamples = new Option<string[]>("--held-out-samples") { Description = "Samples files of OTHER problems to measure on (instead of holding out a fraction of --samples).", AllowMultipleArgumentsPerToken = true };
        var maxPerClass = new Option<int>("--max-per-class") { Description = "Most correct (and as many incorrect) samples taken per problem (0: all that balance).", DefaultValueFactory = _ => d.MaxPerClass };
        var objective = new Option<string>("--objective") { Description = "ce (label cross-entropy), margin (pairwise margin loss) or both (summed).", DefaultValueFactory = _ => "both" };
        objective.AcceptOnlyFromAmong("ce", "margin", "both");
        var margin = new Option<double>("--margin") { Description = "λ of the margin loss max(0, log S(X-) - log S(X+) + λ).", DefaultValueFactory = _ => t.Margin };
        var pairs = new Option<int>("--pairs-per-step") { Description = "(correct, incorrect) pairs per optimizer step.", DefaultValueFactory = _ => t.PairsPerStep };
        var epochs = new Option<double>("--epochs") { Description = "Passes over the pairs (ignored when --steps > 0).", DefaultValueFactory = _ => t.Epochs };
        var steps = new Option<int>("--steps") { Description = "Optimizer steps (0: use --epochs).", DefaultValueFactory = _ => 0 };
        var lr = new Option<double>("--lr") { Description = "Peak learning rate (warm-up, then cosine).", DefaultValueFactory = _ => t.LearningRate };
        var seed = new Option<int>("--seed") { Description = "Root seed (sample choice, split, pair order).", DefaultValueFactory = _ => 1 };
        var batch = new Option<int>("--score-batch") { Description = "Rows per forward when scoring.", DefaultValueFactory = _ => 32 };
        var cmd = new Command("train", "Fine-tune an evaluator on graded samples, balanced per problem, and report held-out accuracy and AUC.");
        foreach (var o in new Option[] { samples, model, output, heldOut, heldOutSamples, maxPerClass, objective, margin, pairs, epochs, steps, lr, seed, batch }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                ulong s = (ulong)parse.GetValue(seed);
                var all = EvaluatorDataset.Merge(parse.GetValue(samples)!.Select(SampleFile.Read));
                IReadOnlyList<GradedProblem> train = all, held = [];
                if (parse.GetValue(heldOutSamples) is { Length: > 0 } files)
                {
                    held = EvaluatorDataset.Merge(files.Select(SampleFile.Read));
                }
                else
                {
                    (train, held) = EvaluatorDataset.SplitByProblem(all, parse.GetValue(heldOut), s);
                }
                var dataOptions = new EvaluatorDataOptions { Seed = s, MaxPerClass = parse.GetValue(maxPerClass), HeldOutFraction = parse.GetValue(heldOut) };
                var trainOptions = new EvaluatorTrainOptions
                {
                    Objective = ParseObjective(parse.GetValue(objective)!),
                    Margin = parse.GetValue(margin),
                    PairsPerStep = parse.GetValue(pairs),
                    Epochs = parse.GetValue(epochs),
                    MaxSteps = parse.GetValue(steps),
                    LearningRate = parse.GetValue(lr),
                    Seed = s,
                };
                console.Info($"{train.Count} training problems, {held.Count} held-out problems");
                var run = RunDirectory.Open(parse.GetValue(output)!);
                var result = new EvaluatorRun(dataOptions, trainOptions, run, console).Execute(parse.GetValue(model)!, train, held, parse.GetValue(batch), cts.Token);
                console.EndLine();
                if (result.HeldOut is { } r) Console.WriteLine("held-out: " + r.Summary());
                Console.WriteLine($"evaluator: {result.ModelDir}");
                Console.WriteLine($"results: {run.ResultsPath}");
                return 0;
            }, console);
        });
        return cmd;
    }

    private static Command BuildEval()
    {
        var samples = new Option<string[]>("--samples") { Description = "Samples files whose graded completions the evaluator judges.", Required = true, AllowMultipleArgumentsPerToken = true };
        var model = new Option<string>("--evaluator") { Description = "The evaluator model directory (`sift evaluator train`'s checkpoints/final).", Required = true };
        var json = new Option<string?>("--json") { Description = "Also write the report here (atomically)." };
        var batch = new Option<int>("--score-batch") { Description = "Rows per forward when scoring.", DefaultValueFactory = _ => 32 };
        var cmd = new Command("eval", "Accuracy (S >= 0.5) and ROC AUC of an evaluator on graded samples.");
        foreach (var o in new Option[] { samples, model, json, batch }) cmd.Options.Add(o);
        cmd.SetAction(parse =>
        {
            return CommandGuard.Run(() =>
            {
                var problems = EvaluatorDataset.Merge(parse.GetValue(samples)!.Select(SampleFile.Read));
                using var scorer = ModelEvaluatorScorer.Load(parse.GetValue(model)!, parse.GetValue(batch));
                var report = EvaluatorReport.Evaluate(scorer, problems);
                Console.WriteLine(report.Summary());
                if (parse.GetValue(json) is { } path)
                {
                    Sift.IO.AtomicFile.WriteJson(path, report.ToJson());
                }
                return 0;
            });
        });
        return cmd;
    }

    private static EvaluatorObjective ParseObjective(string name) => name switch
    {
        "ce" => EvaluatorObjective.LabelCrossEntropy,
        "margin" => EvaluatorObjective.Margin,
        _ => EvaluatorObjective.Both,
    };
}
