using Sift.Methods.Dmt;

namespace Sift.Tests.Methods.Dmt;

public sealed class MixturePlannerTests
{
    private static readonly (string, int)[] ThreeSources = [("math", 800), ("code", 400), ("general", 1000)];

    [Theory]
    [InlineData(null, null, 500, 500)]
    [InlineData(300, null, 500, 300)]
    [InlineData(500, null, 500, 500)]
    [InlineData(0, null, 500, 0)]
    [InlineData(null, 1.0, 500, 500)]
    [InlineData(null, 0.25, 500, 125)]
    [InlineData(null, 0.001, 500, 1)]
    [InlineData(null, 0.003, 500, 2)] // 1.5 rounds half away from zero
    [InlineData(null, 0.5, 0, 0)]
    public void Amounts_and_ratios_resolve_to_counts(int? amount, double? ratio, int available, int expected)
    {
        Assert.Equal(expected, new MixtureSource("math", amount, ratio).Resolve(available));
    }

    [Fact]
    public void Impossible_amounts_are_errors_not_silent_caps()
    {
        Assert.Contains("more than its 500", Assert.Throws<ArgumentException>(() => new MixtureSource("math", 501).Resolve(500)).Message);
        Assert.Throws<ArgumentException>(() => new MixtureSource("math", null, 1.5).Resolve(500));
        Assert.Throws<ArgumentException>(() => new MixtureSource("math", null, 0).Resolve(500));
        Assert.Throws<ArgumentException>(() => new MixtureSource("math", 3, 0.5).Resolve(500));
    }

    [Theory]
    [InlineData(0.0625, 800, 50)]
    [InlineData(0.0625, 400, 25)]
    [InlineData(0.0625, 24, 2)]   // 1.5 → 2
    [InlineData(0.0625, 8, 1)]    // 0.5 → 1
    [InlineData(0.0625, 1, 1)]    // never 0 when k > 0
    [InlineData(0.0625, 0, 0)]
    [InlineData(0.0, 800, 0)]
    [InlineData(1.0, 800, 800)]
    [InlineData(1.0 / 256, 1000, 4)]
    public void Dmt_fraction_rounds_half_away_from_zero_and_keeps_at_least_one(double k, int count, int expected)
    {
        Assert.Equal(expected, MixturePlanner.Fraction(k, count));
    }

    private static string Describe(IReadOnlyList<MixtureStage> stages) =>
        string.Join(" | ", stages.Select(s => $"{s.Name}: " + string.Join(" ", s.Parts.Select(p => $"{p.Source}={p.Count}")) + $" x{s.Epochs}"));

    [Fact]
    public void Each_strategy_composes_the_papers_stages()
    {
        Assert.Equal("math+code+general: math=800 code=400 general=1000 x3",
            Describe(MixturePlanner.Plan(MixtureStrategy.MultiTask, ThreeSources, "general", 0.0625, [3])));
        Assert.Equal("math: math=800 x3 | code: code=400 x4 | general: general=1000 x5",
            Describe(MixturePlanner.Plan(MixtureStrategy.Sequential, ThreeSources, "general", 0.0625, [3, 4, 5])));
        Assert.Equal("math+code: math=800 code=400 x3 | general: general=1000 x2",
            Describe(MixturePlanner.Plan(MixtureStrategy.MixedSequential, ThreeSources, "general", 0.0625, [3, 2])));
        Assert.Equal("math+code: math=800 code=400 x3 | general+0.0625·(math+code): general=1000 math=50 code=25 x2",
            Describe(MixturePlanner.Plan(MixtureStrategy.Dmt, ThreeSources, "general", 0.0625, [3, 2])));
    }

    [Fact]
    public void The_general_source_is_last_wherever_it_is_listed()
    {
        (string, int)[] generalFirst = [("general", 10), ("math", 20)];
        Assert.Equal("math: math=20 x1 | general: general=10 x1", Describe(MixturePlanner.Plan(MixtureStrategy.Sequential, generalFirst, "general", 0.5, [1, 1])));
        Assert.Equal("math: math=20 x1 | general+0.5·(math): general=10 math=10 x1", Describe(MixturePlanner.Plan(MixtureStrategy.Dmt, generalFirst, "general", 0.5, [1, 1])));
    }

    [Fact]
    public void Stage_counts_and_bad_plans()
    {
        Assert.Equal(1, MixturePlanner.StageCount(MixtureStrategy.MultiTask, 2));
        Assert.Equal(3, MixturePlanner.StageCount(MixtureStrategy.Sequential, 2));
        Assert.Equal(2, MixturePlanner.StageCount(MixtureStrategy.MixedSequential, 2));
        Assert.Equal(2, MixturePlanner.StageCount(MixtureStrategy.Dmt, 5));
        Assert.Throws<ArgumentException>(() => MixturePlanner.Plan(MixtureStrategy.Dmt, ThreeSources, "general", 0.0625, [3]));
        Assert.Throws<ArgumentException>(() => MixturePlanner.Plan(MixtureStrategy.Dmt, [("math", 5)], "general", 0.0625, [3, 3]));
        Assert.Throws<ArgumentException>(() => MixturePlanner.Plan(MixtureStrategy.Dmt, [("general", 5)], "general", 0.0625, [3, 3]));
        Assert.Throws<ArgumentException>(() => MixturePlanner.Fraction(1.5, 10));
    }

    [Fact]
    public void Strategy_names_round_trip()
    {
        Assert.Equal(["multi_task", "sequential", "mixed_sequential", "dmt"], MixtureStrategies.Names);
        foreach (var s in MixtureStrategies.All) Assert.Equal(s, MixtureStrategies.TryParse(MixtureStrategies.Name(s)));
        Assert.Null(MixtureStrategies.TryParse("sequentail"));
    }
}
