using Sift.Pipelines.Sweeps;

namespace Sift.Tests.Pipelines.Sweeps;

public sealed class LinearFitTests
{
    [Fact]
    public void A_hand_computed_case_gives_its_known_coefficients_and_r2()
    {
        // (1,1), (2,3), (3,2): x̄ = 2, ȳ = 2, Sxx = 2, Sxy = 1 → b = 0.5, a = 1;
        // residuals -0.5, 1, -0.5 → SS_res = 1.5, SS_tot = 2 → R² = 0.25.
        var fit = LinearFit.Fit([1, 2, 3], [1, 3, 2]);
        Assert.Equal(0.5, fit.B, 12);
        Assert.Equal(1.0, fit.A, 12);
        Assert.Equal(0.25, fit.R2, 12);
        Assert.Equal(3, fit.Points);
        Assert.Equal(FitDegeneracy.None, fit.Degeneracy);
        Assert.Equal(2.0, fit.Predict(2), 12);
    }

    [Fact]
    public void Points_on_a_line_are_recovered_exactly_with_r2_one()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            double a = random.NextDouble() * 4 - 2, b = random.NextDouble() * 6 - 3;
            var x = Enumerable.Range(0, 2 + random.Next(8)).Select(_ => random.NextDouble() * 100 - 50).ToArray();
            if (x.Distinct().Count() < 2) continue;
            var fit = LinearFit.Fit(x, x.Select(v => a + b * v).ToArray());
            Assert.Equal(a, fit.A, 9);
            Assert.Equal(b, fit.B, 9);
            Assert.Equal(1.0, fit.R2, 9);
        }
    }

    [Fact]
    public void Noise_lowers_r2_below_one_and_it_stays_in_range()
    {
        var fit = LinearFit.Fit([0, 1, 2, 3, 4], [0.1, 0.9, 2.3, 2.8, 4.2]);
        Assert.InRange(fit.R2, 0.9, 0.9999);
        Assert.InRange(fit.B, 0.9, 1.1);
    }

    [Fact]
    public void Degenerate_inputs_give_finite_documented_values()
    {
        var none = LinearFit.Fit([], []);
        Assert.Equal((0.0, 0.0, 0.0, FitDegeneracy.NoPoints), (none.A, none.B, none.R2, none.Degeneracy));

        var single = LinearFit.Fit([3], [0.4]);
        Assert.Equal((0.4, 0.0, 0.0, FitDegeneracy.SingleX), (single.A, single.B, single.R2, single.Degeneracy));

        var sameX = LinearFit.Fit([2, 2, 2], [0.1, 0.2, 0.6]);
        Assert.Equal(FitDegeneracy.SingleX, sameX.Degeneracy);
        Assert.Equal(0.3, sameX.A, 12);
        Assert.Equal(0.0, sameX.B);
        Assert.Equal(0.0, sameX.R2);

        var flat = LinearFit.Fit([1, 2, 3], [0.5, 0.5, 0.5]);
        Assert.Equal((0.5, 0.0, 1.0, FitDegeneracy.ConstantY), (flat.A, flat.B, flat.R2, flat.Degeneracy));
        Assert.NotNull(flat.Note);
        Assert.Contains("R² = 1.000", flat.Describe("accuracy", "x"), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1, double.NaN], [1, 2]));
        Assert.Throws<ArgumentException>(() => LinearFit.Fit([1, 2], [1, double.PositiveInfinity]));
    }

    [Fact]
    public void Log_linear_fit_recovers_a_and_b_of_accuracy_against_ln_amount()
    {
        double[] amounts = [47, 94, 188, 375, 750, 1500];
        var fit = LogLinearFit.Fit(amounts, amounts.Select(n => 0.05 + 0.04 * Math.Log(n)).ToArray());
        Assert.Equal(0.05, fit.A, 10);
        Assert.Equal(0.04, fit.B, 10);
        Assert.Equal(1.0, fit.R2, 10);
        Assert.Equal("accuracy = 0.0500 + 0.0400·ln(n), R² = 1.000", fit.Describe("accuracy", "ln(n)"));
        // Doubling the amount adds b·ln 2 whatever the starting amount.
        Assert.Equal(0.04 * Math.Log(2), fit.Predict(Math.Log(200)) - fit.Predict(Math.Log(100)), 12);
    }

    [Fact]
    public void Log_linear_fit_refuses_non_positive_amounts()
    {
        Assert.Throws<ArgumentException>(() => LogLinearFit.Fit([0, 10], [0.1, 0.2]));
        Assert.Throws<ArgumentException>(() => LogLinearFit.Fit([-1, 10], [0.1, 0.2]));
    }
}
