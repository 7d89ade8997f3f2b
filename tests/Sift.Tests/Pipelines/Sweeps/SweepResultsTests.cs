using System.Text.Json.Nodes;
using Sift.Pipelines.Sweeps;
using Sift.Pipelines;
using Sift.Model;

namespace Sift.Tests.Pipelines.Sweeps;

public sealed class SweepResultsTests
{
    private static readonly ModelShape Shape = new();

    private static SweepTrialResult Trial(SweepPoint p, double accuracy, double finalLoss) => new(p, new SweepTrialOutcome(accuracy, finalLoss, finalLoss + 0.1), 1);

    [Fact]
    public void Seeds_are_averaged_and_accuracy_is_fitted_against_ln_amount_per_model()
    {
        var options = new SweepOptions
        {
            Fractions = new[] { "1/4", "1/2", "1" }.Select(f => SweepFraction.TryParse(f)!).ToArray(),
            Models = [SweepModel.BuiltIn("xs", Shape)!, SweepModel.BuiltIn("m", Shape)!],
            Seeds = [1, 2],
        };
        var points = SweepGrid.Expand(options, 400);
        // Model m: exactly 0.1 + 0.05·ln(n) on the seed means (seeds ±0.01 around it); xs: half of that.
        var trials = points.Select(p =>
        {
            double scale = p.Model.Name == "m" ? 1 : 0.5;
            double mean = scale * (0.1 + 0.05 * Math.Log(p.Amount));
            return Trial(p, mean + (p.Seed == 1 ? 0.01 : -0.01), p.Model.Name == "m" ? 1.0 : 1.5);
        }).ToArray();
        var results = SweepResults.Build(options, 400, 50, trials, 12.3);
        Assert.Equal("data_fraction", results.Axis);
        Assert.Equal(6, results.Means.Count);
        Assert.All(results.Means, m => Assert.Equal([1, 2], m.Seeds));
        var m = results.Fits.Single(f => f.Kind == "log_linear" && f.Group == "model=m");
        Assert.Equal(0.1, m.Fit.A, 9);
        Assert.Equal(0.05, m.Fit.B, 9);
        Assert.Equal(1.0, m.Fit.R2, 9);
        var xs = results.Fits.Single(f => f.Kind == "log_linear" && f.Group == "model=xs");
        Assert.Equal(0.025, xs.Fit.B, 9);
        // Two models: one accuracy-vs-final-loss line per fraction (through the two models' means).
        var byLoss = results.Fits.Where(f => f.Kind == "linear" && f.X == "final_loss").ToArray();
        Assert.Equal(["fraction=1/4", "fraction=1/2", "fraction=1", "all"], byLoss.Select(f => f.Group));
        Assert.All(byLoss[..3], f => Assert.True(f.Fit.B < 0)); // the lower-loss model is the more accurate one here
        Assert.Equal(6, byLoss[3].Fit.Points);
        // Held-out loss = final loss + 0.1 here: the same slope, the intercept shifted by 0.1·|b|.
        var byHeldOut = results.Fits.Single(f => f.X == "held_out_loss" && f.Group == "fraction=1");
        Assert.Equal(byLoss[2].Fit.B, byHeldOut.Fit.B, 9);
        Assert.Equal(byLoss[2].Fit.A - 0.1 * byLoss[2].Fit.B, byHeldOut.Fit.A, 9);

        var json = results.ToJson()["sweep"]!.AsObject();
        Assert.Equal(12, json["points"]!.AsArray().Count);
        var point = json["points"]![0]!.AsObject();
        foreach (var key in new[] { "name", "fraction", "amount", "model", "k", "seed", "accuracy", "final_loss", "held_out_loss" }) Assert.True(point.ContainsKey(key), key);
        Assert.Null(point["k"]);
        var fit = json["fits"]![0]!.AsObject();
        Assert.Equal(("amount", "accuracy", "log_linear", "model=xs"), (fit["x"]!.GetValue<string>(), fit["y"]!.GetValue<string>(), fit["kind"]!.GetValue<string>(), fit["group"]!.GetValue<string>()));
        foreach (var key in new[] { "a", "b", "r2" }) Assert.IsType<double>(fit[key]!.GetValue<double>());
        Assert.Contains("accuracy = 0.1000 + 0.0500·ln(n), R² = 1.000", results.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_losses_become_null_and_a_single_fraction_has_no_amount_fit()
    {
        var options = new SweepOptions { Seeds = [1] };
        var points = SweepGrid.Expand(options, 10);
        var results = SweepResults.Build(options, 10, 5, [Trial(points[0], 0.5, double.NaN)], 1);
        Assert.Empty(results.Fits);
        var json = results.ToJson()["sweep"]!.AsObject();
        Assert.Null(json["points"]![0]!["final_loss"]);
        Assert.Equal(0.5, json["means"]![0]!["accuracy"]!.GetValue<double>());
        Assert.Contains("no fits", results.ToTable(), StringComparison.Ordinal);
        // JSON has no NaN: the document must serialise.
        Assert.NotEmpty(json.ToJsonString());
    }
}
