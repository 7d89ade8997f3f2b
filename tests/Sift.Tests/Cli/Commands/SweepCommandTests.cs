using System.Text.Json.Nodes;

namespace Sift.Tests.Cli.Commands;

public sealed class SweepCommandTests
{
    private static int Invoke(params string[] args) => Sift.Cli.CommandCatalog.BuildRoot().Parse(args).Invoke();

    [Fact]
    public void Sweep_is_a_described_command_with_an_out_option()
    {
        var command = Sift.Cli.CommandCatalog.BuildRoot().Subcommands.Single(c => c.Name == "sweep");
        Assert.False(string.IsNullOrWhiteSpace(command.Description));
        var output = Assert.Single(command.Options, o => o.Name == "--out");
        Assert.False(string.IsNullOrWhiteSpace(output.Description));
    }

    [Fact]
    public void A_bad_config_exits_2_before_creating_the_run_directory()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("sweep-cli-bad");
        var path = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(path, "axes:\n  data_fraction: [1/32, 3]\n");
        Assert.Equal(2, Invoke("sweep", path, "--out", Path.Combine(dir, "run")));
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void A_tiny_sweep_runs_from_the_command_line()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("sweep-cli");
        File.WriteAllText(Path.Combine(dir, "exp.yaml"), """
            vocab_size: 300
            sample_batch: 16
            max_new_tokens: 16
            data: {synth: {train: 16, test: 8, max_steps: 1, max_number: 9, max_result: 100, seed: 3}}
            model: {hidden: 32, layers: 1, heads: 2, kv_heads: 2, intermediate: 64, context: 128}
            sft: {steps: 2, batch_size: 8}
            """);
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), "experiment: exp.yaml\nheld_out: 4\naxes: {data_fraction: [1/2, 1], seeds: [5]}\n");
        var run = Path.Combine(dir, "run");
        Assert.Equal(0, Invoke("sweep", Path.Combine(dir, "sweep.yaml"), "--out", run));
        var sweep = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "results.json")))!["sweep"]!;
        Assert.Equal([8, 16], sweep["points"]!.AsArray().Select(p => p!["amount"]!.GetValue<int>()));
        Assert.Equal([5, 5], sweep["points"]!.AsArray().Select(p => p!["seed"]!.GetValue<int>()));
        Assert.Equal("log_linear", sweep["fits"]![0]!["kind"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(run, "config.yaml")));
    }
}
