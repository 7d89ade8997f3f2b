using Sift.Pipelines.Sweeps;
using Sift.Pipelines;
using Sift.IO.Yaml;

namespace Sift.Tests.Pipelines.Sweeps;

public sealed class SweepConfigTests
{
    private static SweepOptions Parse(string yaml, string? baseDirectory = null) => SweepConfig.Parse(yaml, "sweep.yaml", baseDirectory ?? "/nowhere");

    private static string Error(string yaml, string? baseDirectory = null) =>
        Assert.Throws<ConfigException>(() => Parse(yaml, baseDirectory)).Message;

    [Fact]
    public void A_full_config_reads_the_experiment_and_every_axis()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("sweep-config");
        File.WriteAllText(Path.Combine(dir, "exp.yaml"), "seeds: [7, 8]\nmodel: {hidden: 40, heads: 4, context: 96}\nrft: {k: 6}\n");
        var o = Parse("""
            name: mine
            experiment: exp.yaml
            trial: rft
            budget: steps
            held_out: 64
            axes:
              data_fraction: [1/32, 0.5, 1]
              model: [xs, base, {name: wide, hidden: 80, layers: 2}, {name: gqa, kv_heads: 2, heads: 8}]
              rft_k: [1, 4]
            """, dir);
        Assert.Equal("mine", o.Name);
        Assert.Equal("rft", o.Trial);
        Assert.Equal(SweepBudget.Steps, o.Budget);
        Assert.Equal(64, o.HeldOut);
        Assert.Equal([0.03125, 0.5, 1.0], o.Fractions.Select(f => f.Value));
        Assert.Equal(["1/32", "0.5", "1"], o.Fractions.Select(f => f.Label));
        Assert.Equal(["xs", "base", "wide", "gqa"], o.Models.Select(m => m.Name));
        Assert.Equal((8, 2), (o.Models[3].Shape.Heads, o.Models[3].Shape.KeyValueHeads));
        Assert.Equal(o.Models[2].Shape.Heads, o.Models[2].Shape.KeyValueHeads);
        Assert.Equal(40, o.Models[1].Shape.Hidden);
        Assert.Equal(96, o.Models[0].Shape.Context); // named shapes keep the experiment's context
        Assert.Equal((80, 2, 96), (o.Models[2].Shape.Hidden, o.Models[2].Shape.Layers, o.Models[2].Shape.Context));
        Assert.Equal([1, 4], o.RftKs);
        Assert.Null(o.MixKs);
        Assert.Equal([7, 8], o.Seeds); // the experiment's seeds unless axes.seeds is given
    }

    [Fact]
    public void Defaults_are_the_demo_preset_with_one_seed_and_rft_k_from_the_experiment()
    {
        var o = Parse("trial: rft\naxes:\n  seeds: [3, 4]\n");
        Assert.Equal([3, 4], o.Seeds);
        Assert.Equal([ExperimentPresets.Demo().Rft.K], o.RftKs);
        Assert.Equal([1.0], o.Fractions.Select(f => f.Value));
        Assert.Equal(SweepBudget.Epochs, o.Budget);
        var dmt = Parse("trial: dmt\naxes: {mix_k: [1/16, 1/4]}\n");
        Assert.Equal([0.0625, 0.25], dmt.MixKs);
    }

    [Theory]
    [InlineData("name: x\nbogus: 1\n", "sweep.yaml:2: bogus: unknown field")]
    [InlineData("axes:\n  data_fraction: [1/32, 2]\n", "sweep.yaml:2: axes.data_fraction[1]: '2' is not a fraction")]
    [InlineData("axes:\n  data_fraction: [1/2, 0.5]\n", "sweep.yaml:2: axes.data_fraction: '0.5' is listed twice")]
    [InlineData("axes:\n  data_fraction: []\n", "sweep.yaml:2: axes.data_fraction: an axis needs at least one value")]
    [InlineData("axes:\n\n  model: [m, huge]\n", "sweep.yaml:3: axes.model[1]: unknown model 'huge'")]
    [InlineData("axes:\n  model:\n    - {hidden: 32}\n", "sweep.yaml:3: axes.model[0].name: a model given by its shape needs a name")]
    [InlineData("axes:\n  model:\n    - {name: odd, hidden: 30, heads: 4}\n", "sweep.yaml:3: axes.model[0]: hidden (30) must be a multiple of heads (4)")]
    [InlineData("axes:\n  model:\n    - {name: a/b}\n", "sweep.yaml:3: axes.model[0].name: 'a/b'")]
    [InlineData("axes:\n  rft_k: [0]\n", "sweep.yaml:2: axes.rft_k[0]: 0 is out of range")]
    [InlineData("axes:\n  rft_k: [2]\n", "sweep.yaml: axes.rft_k: only rft trials")]
    [InlineData("trial: rft\naxes:\n  mix_k: [0.5]\n", "sweep.yaml: axes.mix_k: only dmt trials")]
    [InlineData("trial: grpo\n", "sweep.yaml:1: trial: 'grpo' is not one of sft, rft, dmt")]
    [InlineData("budget: time\n", "sweep.yaml:1: budget: 'time' is not one of epochs, steps")]
    [InlineData("experiment: missing.yaml\n", "sweep.yaml:1: experiment: experiment config")]
    [InlineData("axes: [1, 2]\n", "sweep.yaml:1: axes: expected a mapping of fields")]
    [InlineData("axes:\n  seeds: {a: 1}\n", "sweep.yaml:2: axes.seeds: expected a list of values")]
    [InlineData("name: [unclosed\n", "sweep.yaml:")]
    public void Errors_name_file_line_and_field(string yaml, string expected)
    {
        var message = Error(yaml);
        Assert.StartsWith(expected, message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_in_the_experiment_config_names_that_file()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("sweep-config-bad");
        File.WriteAllText(Path.Combine(dir, "exp.yaml"), "seeds: [1]\nsft: {epochz: 2}\n");
        var message = Error("experiment: exp.yaml\n", dir);
        Assert.Contains("exp.yaml:2: sft.epochz: unknown field", message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_sweep_configs_load()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sift.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
        // Sweep configs live in configs/sweeps/: configs/*.yaml are all experiment configs.
        var paths = Directory.GetFiles(Path.Combine(root, "configs", "sweeps"), "*.yaml");
        Assert.NotEmpty(paths);
        foreach (var path in paths)
        {
            var o = SweepConfig.Load(path);
            Assert.NotEmpty(SweepGrid.Expand(o, 1500));
            Assert.Equal(ExperimentPresets.Demo().Sft, o.Experiment.Sft with { Seed = ExperimentPresets.Demo().Sft.Seed });
        }
        var data = SweepConfig.Load(Path.Combine(root, "configs", "sweeps", "sft-data.yaml"));
        Assert.Equal([47, 94, 188, 375, 750, 1500], SweepGrid.Expand(data, 1500).Select(p => p.Amount));
    }
}
