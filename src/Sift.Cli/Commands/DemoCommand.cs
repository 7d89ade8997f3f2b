using System.CommandLine;
using Sift.Pipelines;
using Sift.Runs;

namespace Sift.Cli.Commands;

/// <summary>`sift demo`: every method in miniature on the embedded tasks, from nothing, ending with report.html.</summary>
public sealed class DemoCommand : ICliCommand
{
    public Command Build()
    {
        var quick = new Option<bool>("--quick") { Description = "A smoke test of every stage: 1 seed (unless --seeds), 600 train / 300 test problems, RFT and ReST-EM k=4, maj1@2." };
        var output = new Option<string>("--out") { Description = "Run directory (created; an existing one is resumed).", DefaultValueFactory = _ => "runs/demo" };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seeds, one full pipeline each (default 1,2,3; --quick: 1)." };
        var command = new Command("demo", "Every method from nothing on the embedded tasks, for 3 seeds: a BPE tokenizer and small models trained from scratch; SFT; RFT from one model and from the union of two; ReST-EM for 3 iterations; an evaluator and re-ranking of n samples; multi-task sequential fine-tuning; the data-composition study (math, code, general). Evaluates on 1,000 held-out problems, prints the tables and writes results.json and report.html to the run directory.");
        command.Options.Add(quick);
        command.Options.Add(output);
        command.Options.Add(seeds);
        command.SetAction(parse =>
        {
            IReadOnlyList<int>? seedList = null;
            if (parse.GetValue(seeds) is { } text)
            {
                try
                {
                    seedList = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
                }
                catch (FormatException)
                {
                    Console.Error.WriteLine($"error: --seeds: '{text}' is not a comma-separated list of integers");
                    return 2;
                }
            }
            var options = parse.GetValue(quick) ? ExperimentPresets.Quick(seedList) : ExperimentPresets.Demo(seedList);
            return RunCommand.Execute(options, parse.GetValue(output)!);
        });
        return command;
    }
}
