using System.CommandLine;
using Sift.Methods.Dmt;
using Sift.Pipelines;

namespace Sift.Cli.Commands;

/// <summary>`sift mix config.yaml`: the data-composition strategies of Dong et al. 2023 (multi-task, sequential, mixed sequential, DMT) with every ability scored after each stage.</summary>
public sealed class MixCommand : ICliCommand
{
    public Command Build()
    {
        var config = new Argument<string>("config") { Description = "Mix config (YAML): the experiment's shared fields and its dmt section; see configs/mix/dmt.yaml for every field." };
        var output = new Option<string?>("--out") { Description = "Run directory (default: runs/<name>); an existing one is resumed, finished stages are skipped." };
        var command = new Command("mix", "Train SFT mixtures by strategy (multi_task, sequential, mixed_sequential, dmt) and report every ability after each stage; writes results.json with the \"dmt\" table.");
        command.Arguments.Add(config);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var registry = AbilityRegistry.Default();
            return CommandGuard.WithConfig(() => MixConfig.Load(parse.GetValue(config)!, registry.Names), options => ConfigRun.Execute(
                parse.GetValue(output) ?? Path.Combine("runs", options.Name),
                () => ConfigYaml(options),
                (run, console, ct) => DmtExperiment.Run(options.DmtSettings(), registry.CreateAll(options.Dmt), run, console, ct).ToTable()));
        });
        return command;
    }

    /// <summary>What the command records as RUN/config.yaml (loads back into the command with the same meaning).</summary>
    internal static string ConfigYaml(ExperimentOptions options) => MixConfig.ToYaml(options);
}
