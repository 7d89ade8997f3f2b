using System.Globalization;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// An ordinary least-squares line y = a + b·x with its coefficient of determination
/// R² = 1 − SS_res / SS_tot. Degenerate inputs give finite, documented values (see
/// <see cref="FitDegeneracy"/>) instead of NaN; non-finite inputs are refused.
/// </summary>
/// <param name="A">Intercept.</param>
/// <param name="B">Slope.</param>
/// <param name="R2">Coefficient of determination (can be negative only for a non-least-squares line, never here).</param>
/// <param name="Points">Points fitted.</param>
/// <param name="Degeneracy">Why the fit is degenerate, or <see cref="FitDegeneracy.None"/>.</param>
public sealed record LinearFit(double A, double B, double R2, int Points, FitDegeneracy Degeneracy)
{
    /// <summary>Fits y = a + b·x by least squares.</summary>
    public static LinearFit Fit(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count) throw new ArgumentException($"x has {x.Count} values but y has {y.Count}");
        for (int i = 0; i < x.Count; i++)
        {
            if (!double.IsFinite(x[i]) || !double.IsFinite(y[i])) throw new ArgumentException($"point {i} ({x[i]}, {y[i]}) is not finite");
        }
        int n = x.Count;
        if (n == 0) return new LinearFit(0, 0, 0, 0, FitDegeneracy.NoPoints);
        double mx = 0, my = 0;
        for (int i = 0; i < n; i++)
        {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        // Centred sums (two-pass) keep the slope accurate when x is large and its spread small, e.g. ln(amount).
        double sxx = 0, sxy = 0, syy = 0;
        for (int i = 0; i < n; i++)
        {
            double dx = x[i] - mx, dy = y[i] - my;
            sxx += dx * dx;
            sxy += dx * dy;
            syy += dy * dy;
        }
        bool singleX = x.All(v => v == x[0]);
        if (singleX) return new LinearFit(my, 0, 0, n, FitDegeneracy.SingleX);
        double b = sxy / sxx;
        double a = my - b * mx;
        if (y.All(v => v == y[0])) return new LinearFit(y[0], 0, 1, n, FitDegeneracy.ConstantY);
        double ssRes = 0;
        for (int i = 0; i < n; i++)
        {
            double r = y[i] - (a + b * x[i]);
            ssRes += r * r;
        }
        double r2 = Math.Clamp(1 - ssRes / syy, 0, 1);
        return new LinearFit(a, b, r2, n, FitDegeneracy.None);
    }

    /// <summary>The fitted value at <paramref name="x"/>.</summary>
    public double Predict(double x) => A + B * x;

    /// <summary>"y = a + b·x, R² = r" with the given variable names.</summary>
    public string Describe(string y, string x) => string.Format(CultureInfo.InvariantCulture,
        "{0} = {1:F4} {2} {3:F4}·{4}, R² = {5:F3}{6}", y, A, B < 0 ? "-" : "+", Math.Abs(B), x, R2, Degeneracy == FitDegeneracy.None ? "" : $" ({Note})");

    /// <summary>A short note for a degenerate fit (null for an ordinary one).</summary>
    public string? Note => Degeneracy switch
    {
        FitDegeneracy.NoPoints => "no points",
        FitDegeneracy.SingleX => "fewer than 2 distinct x: slope set to 0",
        FitDegeneracy.ConstantY => "every y equal: exact flat fit",
        _ => null,
    };
}
