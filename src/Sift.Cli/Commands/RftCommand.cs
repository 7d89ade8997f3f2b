using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Sift.Data;
using Sift.Eval;
using Sift.Methods.Rft;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Training.Sft;

namespace Sift.Cli.Commands;

/// <summary>`sift rft`: build the RFT set from sample files (several = RFT-U) and fine-tune the base model on SFT data + kept paths.</summary>
public sealed class RftCommand : ICliCommand
{
    public Command Build()
    {
        var t = new TrainOptions();
        var data = new Option<string>("--data") { Description = "The training JSONL the samples were drawn for (its solutions are the SFT data).", Required = true };
        var samples = new Option<string[]>("--samples") { Description = "Samples files from `sift sample` (repeat or comma-separate; two or more pool the models: RFT-U).", Required = true, AllowMultipleArgumentsPerToken = true };
        var baseModel = new Option<string?>("--base") { Description = "The base model to fine-tune (the paper fine-tunes the pre-SFT model; `sift train sft` saves it as checkpoints/base). Omit with --no-train." };
        var output = new Option<string>("--out") { Description = "Run directory: rft_stats.json, samples/rft_train.jsonl (the RFT set), checkpoints/, log.jsonl.", Required = true };
        var noAnnotationCheck = new Option<bool>("--no-annotation-check") { Description = "Keep correct samples even when a calculator annotation is wrong." };
        var noSft = new Option<bool>("--no-sft-data") { Description = "Train on the kept paths only (the paper adds the SFT data)." };
        var noTrain = new Option<bool>("--no-train") { Description = "Only build the RFT set and print its statistics." };
        var command = new Command("rft", "Rejection-sampling fine-tuning (Yuan et al. 2023): keep correct samples with correct annotations, reduce to distinct reasoning paths (union of files = RFT-U), report coverage / paths / pass@k as k grows, fine-tune the base model on SFT data + paths.");
        foreach (var o in new Option[] { data, samples, baseModel, output, noAnnotationCheck, noSft, noTrain }) command.Options.Add(o);
        t.AddTo(command);
        command.SetAction(parse =>
        {
            using var cts = RunCancellation.Create();
            var console = new ConsoleProgress();
            return CommandGuard.Run(() =>
            {
                var train = t.ReadProblems(parse, parse.GetValue(data)!);
                var files = parse.GetValue(samples)!.SelectMany(s => s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();
                var sets = files.Select(f => (IReadOnlyList<GradedProblem>)SampleFile.Read(f)).ToArray();
                var dataset = RftDatasetBuilder.Build(train, sets, new RftOptions { CheckAnnotations = !parse.GetValue(noAnnotationCheck), IncludeSftData = !parse.GetValue(noSft) });
                var run = RunDirectory.Open(parse.GetValue(output)!);
                var stats = dataset.StatisticsJson();
                stats["sample_files"] = new System.Text.Json.Nodes.JsonArray(files.Select(f => (System.Text.Json.Nodes.JsonNode)Path.GetFullPath(f)).ToArray());
                Sift.IO.AtomicFile.WriteJson(Path.Combine(run.Root, "rft_stats.json"), stats);
                JsonlDataset.WriteRows(run.SamplesFile("rft_train.jsonl"), dataset.Pairs.Select(p => new Dictionary<string, string> { ["prompt"] = p.Question, ["response"] = p.Response }));
                Console.WriteLine(dataset.Summary());
                Console.WriteLine("     k   paths/problem   coverage   pass@k");
                foreach (var g in dataset.Growth)
                {
                    Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,6} {1,15:F3} {2,9:P1} {3,8:P1}", g.K, g.Statistics.MeanPathsPerProblem, g.Statistics.ProblemCount == 0 ? 0 : (double)g.Statistics.ProblemsCovered / g.Statistics.ProblemCount, g.PassAtK));
                }
                if (parse.GetValue(noTrain)) return 0;
                var baseDir = parse.GetValue(baseModel) ?? throw new ArgumentException("--base is required to fine-tune (or pass --no-train)");
                var (baseM, tokenizer) = SavedModel.Load(baseDir);
                var config = baseM.Config;
                baseM.Dispose();
                var template = t.ResolveTemplate(parse, baseDir);
                console.Stage($"fine-tuning the base model on {dataset.Pairs.Count} examples");
                var (model, result) = SftJob.Train(run, config, 0, baseDir, tokenizer, template, dataset.Pairs, [], t.Read(parse), console.Training("rft"), null, cts.Token);
                model.Dispose();
                console.EndLine();
                if (!result.Completed)
                {
                    Console.Error.WriteLine($"stopped at step {result.Steps}; run the same command to resume");
                    return 130;
                }
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "done: {0} steps, loss {1:F4}, {2:F0} tokens/s; model: {3}", result.Steps, result.FinalLoss, result.TokensPerSecond, run.CheckpointDir("final")));
                return 0;
            }, console);
        });
        return command;
    }
}
