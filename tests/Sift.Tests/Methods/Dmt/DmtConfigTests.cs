using Sift.Methods.Dmt;
using Sift.Pipelines;
using Sift.IO.Yaml;

namespace Sift.Tests.Methods.Dmt;

public sealed class DmtConfigTests
{
    private static readonly string[] Known = ["math", "general", "code"];

    private static string Error(string yaml) =>
        Assert.Throws<ConfigException>(() => DmtConfig.Parse(yaml, "mix.yaml", Known)).Message;

    [Fact]
    public void A_full_config_parses()
    {
        var o = DmtConfig.Parse("""
            name: t
            seeds: [4, 5]
            k: 1/16
            sources:
              - {name: math, train: 300, test: 40, amount: 200}
              - {name: code, train: 100, test: 20, ratio: 0.5}
              - {name: general, train: 500}
            strategies:
              multi_task: {epochs: [2]}
              sequential: {epochs: [1, 2, 3]}
              dmt:
            model: {hidden: 32, layers: 2, heads: 2, kv_heads: 2}
            sft: {epochs: 4, batch_size: 8, lr: 0.002}
            """, "mix.yaml", Known);
        Assert.Equal("t", o.Name);
        Assert.Equal([4, 5], o.Seeds);
        Assert.Equal(0.0625, o.K);
        Assert.Equal([new MixtureSource("math", 200) { Train = 300, Test = 40 }, new MixtureSource("code", null, 0.5) { Train = 100, Test = 20 }, new MixtureSource("general") { Train = 500, Test = 100 }], o.Sources);
        Assert.Equal([MixtureStrategy.MultiTask, MixtureStrategy.Sequential, MixtureStrategy.Dmt], o.Strategies.Select(s => s.Strategy));
        Assert.Equal([1.0, 2.0, 3.0], o.Strategies[1].StageEpochs!);
        Assert.Null(o.Strategies[2].StageEpochs);
        Assert.Equal([4.0, 4.0], o.EpochsOf(o.Strategies[2], 2)); // general stage: general_stage_epochs (4 by default)
        Assert.Equal([4.0, 4.0, 2.0], (o with { GeneralStageEpochs = 2 }).EpochsOf(new StrategyPlan(MixtureStrategy.Sequential), 2));
        Assert.Equal([4.0], (o with { GeneralStageEpochs = 2 }).EpochsOf(new StrategyPlan(MixtureStrategy.MultiTask), 2));
        Assert.Equal(32, o.Model.Hidden);
        Assert.Equal(8, o.Sft.BatchSize);
    }

    [Fact]
    public void A_list_of_strategy_names_and_an_empty_config_work()
    {
        var o = DmtConfig.Parse("strategies: [dmt, sequential]\n", "mix.yaml", Known);
        Assert.Equal([MixtureStrategy.Dmt, MixtureStrategy.Sequential], o.Strategies.Select(s => s.Strategy));
        Assert.Equal(4, DmtConfig.Parse("", "mix.yaml", Known).Strategies.Count);
    }

    [Theory]
    [InlineData("seeds: [1]\nmodle: {hidden: 8}\n", "mix.yaml:2: modle: unknown field")]
    [InlineData("k: 2\n", "mix.yaml:1: k: 2 is out of range [0, 1]")]
    [InlineData("k: one\n", "mix.yaml:1: k: 'one' is not a number")]
    [InlineData("sources:\n  - {name: math}\n  - {name: chess}\n", "mix.yaml:3: sources[1].name: unknown ability 'chess'; known: math, general, code")]
    [InlineData("sources:\n  - {name: math, amount: 5, ratio: 0.5}\n  - {name: general}\n", "mix.yaml:2: sources[0].amount: give an amount or a ratio, not both")]
    [InlineData("sources:\n  - {name: math, train: 10, amount: 50}\n  - {name: general}\n", "mix.yaml:2: sources[0].amount: 50 is more than the source's 10 training problems")]
    [InlineData("sources:\n  - {name: math}\n  - {name: math}\n", "mix.yaml:3: sources[1].name: source 'math' is listed twice")]
    [InlineData("sources:\n  - {name: math}\n", "mix.yaml:2: sources: the general source 'general' must be listed exactly once")]
    [InlineData("sources:\n  - {name: general}\n", "mix.yaml:2: sources: at least one specialised source")]
    [InlineData("strategies: [dmt, sequentail]\n", "mix.yaml:1: strategies[1]: unknown strategy 'sequentail'")]
    [InlineData("strategies:\n  dmt: {epochs: [1, 2, 3]}\n", "mix.yaml:2: strategies.dmt.epochs: dmt has 2 stages with these sources, so give 2 epoch values, not 3")]
    [InlineData("strategies:\n  sequential: {epochs: [1, 2]}\n", "mix.yaml:2: strategies.sequential.epochs: sequential has 3 stages")]
    [InlineData("strategies:\n  dmt: {epocs: [1, 2]}\n", "mix.yaml:2: strategies.dmt.epocs: unknown field")]
    [InlineData("sft: {lr: -1}\n", "mix.yaml:1: sft.lr: -1 is out of range")]
    [InlineData("seeds: []\n", "mix.yaml: seeds: at least one seed is needed")]
    [InlineData("sources: [\n", "mix.yaml:")]
    public void Bad_fields_name_file_line_and_field(string yaml, string expected)
    {
        Assert.StartsWith(expected, Error(yaml), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_config_loads()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sift.sln"))) root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("no Sift.sln above the test binaries");
        var o = DmtConfig.Load(Path.Combine(root, "configs", "mix", "dmt.yaml"), AbilityRegistry.Default().Names);
        Assert.Equal(MixturePlanner.DefaultK, o.K); // the shipped config spells out the defaults
        Assert.Equal(4, o.Strategies.Count);
    }
}
