using System.CommandLine;
using Sift.Pipelines.Sweeps;
using Sift.Pipelines;

namespace Sift.Cli.Commands;

/// <summary>`sift sweep config.yaml --out RUN`: a scaling sweep, thin over <see cref="SweepRunner"/>.</summary>
public sealed class SweepCommand : ICliCommand
{
    public Command Build()
    {
        var config = new Argument<string>("config") { Description = "Sweep config (YAML): the base experiment config and the axes (data_fraction, model, rft_k, mix_k, seeds); see docs/sweep.md and configs/sweeps/*.yaml." };
        var output = new Option<string?>("--out") { Description = "Run directory (default: runs/<name>); an existing one is resumed: finished trials are skipped." };
        var command = new Command("sweep", "Run a scaling sweep: one trial (train + greedy test accuracy, final and held-out loss) per grid point under RUN/trials/<name>/, then RUN/results.json with the points and the fits accuracy = a + b·ln(amount) and accuracy = a + b·final_loss.");
        command.Arguments.Add(config);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            return CommandGuard.WithConfig(() => SweepConfig.Load(parse.GetValue(config)!), options => ConfigRun.Execute(
                parse.GetValue(output) ?? Path.Combine("runs", options.Name),
                () => ConfigYaml(options),
                (run, console, ct) => new SweepRunner(options, run, console).Execute(ct).ToTable()));
        });
        return command;
    }

    /// <summary>What the command records as RUN/config.yaml (loads back into the command with the same meaning).</summary>
    internal static string ConfigYaml(SweepOptions options) => SweepConfig.ToYaml(options);
}
