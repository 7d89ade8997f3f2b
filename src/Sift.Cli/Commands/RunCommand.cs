using System.CommandLine;
using Sift.Pipelines;

namespace Sift.Cli.Commands;

/// <summary>`sift run config.yaml`: a whole experiment (data → tokenizer → SFT → sample → RFT/RFT-U → eval) from a YAML config.</summary>
public sealed class RunCommand : ICliCommand
{
    public Command Build()
    {
        var config = new Argument<string>("config") { Description = "Experiment config (YAML); see configs/*.yaml for every field with its default." };
        var output = new Option<string?>("--out") { Description = "Run directory (default: runs/<name>); an existing one is resumed." };
        var command = new Command("run", "Run a whole experiment from a YAML config; writes config.yaml (resolved), log.jsonl, checkpoints/, samples/ and results.json to the run directory.");
        command.Arguments.Add(config);
        command.Options.Add(output);
        command.SetAction(parse => CommandGuard.WithConfig(
            () => ExperimentConfig.Load(parse.GetValue(config)!),
            options => Execute(options, parse.GetValue(output) ?? Path.Combine("runs", options.Name))));
        return command;
    }

    /// <summary>Runs an experiment with console progress; shared by `sift demo`.</summary>
    internal static int Execute(ExperimentOptions options, string runDir) => ConfigRun.Execute(
        runDir,
        () => ConfigYaml(options),
        (run, console, ct) => new Experiment(options, run, console).Execute(ct).ToTable());

    /// <summary>What the command records as RUN/config.yaml (loads back into the command with the same meaning).</summary>
    internal static string ConfigYaml(ExperimentOptions options) => ExperimentConfig.ToYaml(options);
}
