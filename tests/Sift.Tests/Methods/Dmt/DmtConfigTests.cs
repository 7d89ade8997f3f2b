using Sift.Data;
using Sift.IO.Yaml;
using Sift.Methods.Dmt;
using Sift.Model;
using Sift.Pipelines;
using Sift.Tests.Support;
using Sift.Training.Sft;

namespace Sift.Tests.Methods.Dmt;

public sealed class DmtConfigTests
{
    private static readonly string[] Known = ["math", "general", "code"];

    private static string Error(string yaml) =>
        Assert.Throws<ConfigException>(() => MixConfig.Parse(yaml, "mix.yaml", Known)).Message;

    [Fact]
    public void A_full_config_parses()
    {
        var e = MixConfig.Parse("""
            name: t
            seeds: [4, 5]
            model: {hidden: 32, layers: 2, heads: 2, kv_heads: 2}
            sft: {epochs: 4, batch_size: 8, lr: 0.002}
            dmt:
              k: 1/16
              epochs: null
              sources:
                - {name: math, train: 300, test: 40, amount: 200}
                - {name: code, train: 100, test: 20, ratio: 0.5}
                - {name: general, train: 500}
              strategies:
                multi_task: {epochs: [2]}
                sequential: {epochs: [1, 2, 3]}
                dmt:
            """, "mix.yaml", Known);
        var o = e.Dmt;
        var s = e.DmtSettings();
        Assert.Equal("t", e.Name);
        Assert.Equal([4, 5], s.Seeds);
        Assert.Equal(0.0625, o.K);
        Assert.Equal([new MixtureSource("math", 200) { Train = 300, Test = 40 }, new MixtureSource("code", null, 0.5) { Train = 100, Test = 20 }, new MixtureSource("general") { Train = 500, Test = 100 }], o.Sources);
        Assert.Equal([MixtureStrategy.MultiTask, MixtureStrategy.Sequential, MixtureStrategy.Dmt], o.Strategies.Select(p => p.Strategy));
        Assert.Equal([1.0, 2.0, 3.0], o.Strategies[1].StageEpochs!);
        Assert.Null(o.Strategies[2].StageEpochs);
        // dmt.epochs: null, so the stages take sft.epochs; the general stage general_stage_epochs (4 by default).
        Assert.Equal([4.0, 4.0], s.EpochsOf(o.Strategies[2]));
        var s2 = s with { Dmt = o with { GeneralStageEpochs = 2 } };
        Assert.Equal([4.0, 4.0, 2.0], s2.EpochsOf(new StrategyPlan(MixtureStrategy.Sequential)));
        Assert.Equal([4.0], s2.EpochsOf(new StrategyPlan(MixtureStrategy.MultiTask)));
        Assert.Equal(32, s.Model.Hidden);
        Assert.Equal(8, s.Sft.BatchSize);
        Assert.Equal(80, s.MaxNewTokens); // dmt.max_new_tokens by default
    }

    [Fact]
    public void A_list_of_strategy_names_and_an_empty_config_work()
    {
        var o = MixConfig.Parse("dmt: {strategies: [dmt, sequential]}\n", "mix.yaml", Known).Dmt;
        Assert.Equal([MixtureStrategy.Dmt, MixtureStrategy.Sequential], o.Strategies.Select(s => s.Strategy));
        Assert.Equal(4, MixConfig.Parse("", "mix.yaml", Known).Dmt.Strategies.Count);
        Assert.Equal("dmt", MixConfig.Parse("", "mix.yaml", Known).Name);
    }

    /// <summary>The demo's study runs with exactly the settings the study had when DMT kept its own copy of the shared fields.</summary>
    [Fact]
    public void The_demo_study_and_an_empty_mix_config_resolve_to_the_settings_measured_in_docs_dmt()
    {
        var expected = new DmtSettings
        {
            Dmt = new DmtOptions { Enabled = true },
            Seeds = [1, 2, 3],
            Template = PromptTemplate.Plain,
            VocabSize = 384,
            Model = new ModelShape { Hidden = 64, Layers = 3, Heads = 4, KeyValueHeads = 4, Intermediate = 176, Context = 160 },
            Sft = new SftOptions { Epochs = 8, BatchSize = 16, LearningRate = 3e-3, CheckpointEvery = 200 },
            MaxNewTokens = 80,
            SampleBatch = 64,
        };
        var root = Sift.IO.SharedData.RepositoryRoot()!;
        foreach (var settings in new[]
        {
            ExperimentPresets.Demo().DmtSettings(),
            ExperimentConfig.Load(Path.Combine(root, "configs", "demo.yaml")).DmtSettings(),
            MixConfig.Parse("", "empty.yaml").DmtSettings(),
            MixConfig.Load(Path.Combine(root, "configs", "mix", "dmt.yaml")).DmtSettings(),
        })
        {
            RecordAssert.Equal(expected, settings);
            Assert.Equal(expected.Sft, settings.Sft); // every SFT field (warm-up, weight decay, min lr ratio, steps 0, seed) included
        }
        var o = expected.Dmt;
        Assert.Equal(11, o.DataSeed);
        Assert.Equal(1.0 / 16, o.K);
        Assert.Equal(4, o.GeneralStageEpochs);
        Assert.Equal([new MixtureSource("math") { Train = 1500, Test = 150 }, new MixtureSource("code") { Train = 800, Test = 100 }, new MixtureSource("general") { Train = 1000, Test = 150 }], o.Sources);
        Assert.Equal(MixtureStrategies.All, o.Strategies.Select(p => p.Strategy));
        Assert.All(o.Strategies, p => Assert.Null(p.StageEpochs));
        Assert.Equal([8.0, 8.0, 4.0], expected.EpochsOf(new StrategyPlan(MixtureStrategy.Sequential)));
        // The quick preset's study too (its SFT is 8 epochs already).
        RecordAssert.Equal(expected with { Seeds = [1] }, ExperimentPresets.Quick().DmtSettings());
    }

    [Theory]
    [InlineData("seeds: [1]\nmodle: {hidden: 8}\n", "mix.yaml:2: modle: unknown field")]
    [InlineData("dmt:\n  k: 2\n", "mix.yaml:2: dmt.k: 2 is out of range [0, 1]")]
    [InlineData("dmt:\n  k: one\n", "mix.yaml:2: dmt.k: 'one' is not a number")]
    [InlineData("k: 1/16\n", "mix.yaml:1: k: unknown field")]
    [InlineData("dmt:\n  sources:\n    - {name: math}\n    - {name: chess}\n", "mix.yaml:4: dmt.sources[1].name: unknown ability 'chess'; known: math, general, code")]
    [InlineData("dmt:\n  sources:\n    - {name: math, amount: 5, ratio: 0.5}\n    - {name: general}\n", "mix.yaml:3: dmt.sources[0].amount: give an amount or a ratio, not both")]
    [InlineData("dmt:\n  sources:\n    - {name: math, train: 10, amount: 50}\n    - {name: general}\n", "mix.yaml:3: dmt.sources[0].amount: 50 is more than the source's 10 training problems")]
    [InlineData("dmt:\n  sources:\n    - {name: math}\n    - {name: math}\n", "mix.yaml:4: dmt.sources[1].name: source 'math' is listed twice")]
    [InlineData("dmt:\n  sources:\n    - {name: math}\n", "mix.yaml:3: dmt.sources: the general source 'general' must be listed exactly once")]
    [InlineData("dmt:\n  sources:\n    - {name: general}\n", "mix.yaml:3: dmt.sources: at least one specialised source")]
    [InlineData("dmt:\n  strategies: [dmt, sequentail]\n", "mix.yaml:2: dmt.strategies[1]: unknown strategy 'sequentail'")]
    [InlineData("dmt:\n  strategies:\n    dmt: {epochs: [1, 2, 3]}\n", "mix.yaml:3: dmt.strategies.dmt.epochs: dmt has 2 stages with these sources, so give 2 epoch values, not 3")]
    [InlineData("dmt:\n  strategies:\n    sequential: {epochs: [1, 2]}\n", "mix.yaml:3: dmt.strategies.sequential.epochs: sequential has 3 stages")]
    [InlineData("dmt:\n  strategies:\n    dmt: {epocs: [1, 2]}\n", "mix.yaml:3: dmt.strategies.dmt.epocs: unknown field")]
    [InlineData("dmt:\n  enabled: true\n", "mix.yaml:2: dmt.enabled: unknown field")]
    [InlineData("sft: {lr: -1}\n", "mix.yaml:1: sft.lr: -1 is out of range")]
    [InlineData("sft:\n  steps: 100\n", "mix.yaml:2: sft.steps: unknown field")]
    [InlineData("data: {synth: {train: 10}}\n", "mix.yaml:1: data: unknown field")]
    [InlineData("seeds: []\n", "mix.yaml: seeds: at least one seed is needed")]
    [InlineData("dmt: {sources: [\n", "mix.yaml:")]
    public void Bad_fields_name_file_line_and_field(string yaml, string expected)
    {
        Assert.StartsWith(expected, Error(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_config_loads()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sift.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("no Sift.sln above the test binaries");
        var o = MixConfig.Load(Path.Combine(root, "configs", "mix", "dmt.yaml"), AbilityRegistry.Default().Names);
        Assert.Equal(MixturePlanner.DefaultK, o.Dmt.K); // the shipped config spells out the defaults
        Assert.Equal(4, o.Dmt.Strategies.Count);
        Assert.Equal("dmt", o.Name);
    }
}
