using Sift.Pipelines.Sweeps;
using Sift.Pipelines;
using Sift.Model;

namespace Sift.Tests.Pipelines.Sweeps;

public sealed class SweepGridTests
{
    private static readonly SweepFraction[] Powers = new[] { "1/32", "1/16", "1/8", "1/4", "1/2", "1" }.Select(f => SweepFraction.TryParse(f)!).ToArray();

    [Fact]
    public void Fractions_of_1500_round_half_away_from_zero()
    {
        // 46.875 → 47, 93.75 → 94, 187.5 → 188 (a half rounds up), 375, 750, 1500.
        Assert.Equal([47, 94, 188, 375, 750, 1500], Powers.Select(f => f.Amount(1500)));
        Assert.Equal([1, 1, 3, 5, 10, 20], Powers.Select(f => f.Amount(20)));
    }

    [Theory]
    [InlineData("1/32", 0.03125)]
    [InlineData("0.25", 0.25)]
    [InlineData(" 3/4 ", 0.75)]
    [InlineData("1", 1.0)]
    public void Fractions_parse_from_ratio_or_decimal(string text, double value) => Assert.Equal(value, SweepFraction.TryParse(text)!.Value);

    [Theory]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("3/2")]
    [InlineData("1/0")]
    [InlineData("half")]
    [InlineData("-1/4")]
    public void Bad_fractions_do_not_parse(string text) => Assert.Null(SweepFraction.TryParse(text));

    [Fact]
    public void The_grid_is_the_product_of_the_axes_with_seeds_innermost_and_unique_names()
    {
        var baseShape = new ModelShape();
        var options = new SweepOptions
        {
            Trial = "rft",
            Fractions = Powers[4..],
            Models = [SweepModel.BuiltIn("xs", baseShape)!, SweepModel.BuiltIn("m", baseShape)!],
            RftKs = [1, 4],
            Seeds = [1, 2],
        };
        var points = SweepGrid.Expand(options, 100);
        Assert.Equal(2 * 2 * 2 * 2, points.Count);
        Assert.Equal(points.Count, points.Select(p => p.Name).Distinct().Count());
        Assert.Equal("frac-1_2-model-xs-k-1-seed-1", points[0].Name);
        Assert.Equal("frac-1_2-model-xs-k-1-seed-2", points[1].Name);
        Assert.Equal(50, points[0].Amount);
        Assert.Equal(100, points[^1].Amount);
        Assert.Equal(4, points[^1].RftK);
        Assert.Equal(64, points[^1].Model.Shape.Hidden);
        Assert.Equal(points[0].GroupKey, points[1].GroupKey);
        Assert.NotEqual(points[0].GroupKey, points[2].GroupKey);
    }

    [Fact]
    public void Without_a_model_axis_the_experiment_model_is_used()
    {
        var shape = new ModelShape { Hidden = 40, Heads = 4 };
        var points = SweepGrid.Expand(new SweepOptions { Experiment = ExperimentPresets.Demo([1]) with { Model = shape }, Fractions = Powers[..1], Seeds = [3] }, 64);
        var p = Assert.Single(points);
        Assert.Equal("frac-1_32-model-base-seed-3", p.Name);
        Assert.Same(shape, p.Model.Shape);
        Assert.Equal(2, p.Amount);
        Assert.Null(p.K);
    }
}
