using System.Globalization;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// Expands a sweep's axes into trials: the cartesian product fraction × model × RFT k × mixture k ×
/// seed, in that nesting order (seeds innermost, so a stopped sweep has whole points done first).
/// </summary>
public static class SweepGrid
{
    /// <summary>The trials of <paramref name="options"/> for a training set of <paramref name="trainCount"/> problems.</summary>
    public static IReadOnlyList<SweepPoint> Expand(SweepOptions options, int trainCount)
    {
        if (trainCount < 1) throw new ArgumentException("the training set is empty", nameof(trainCount));
        var points = new List<SweepPoint>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fraction in options.Fractions)
        {
            foreach (var model in options.ModelsOrBase)
            {
                foreach (var rftK in options.RftKs?.Select(k => (int?)k) ?? [null])
                {
                    foreach (var mixK in options.MixKs?.Select(k => (double?)k) ?? [null])
                    {
                        foreach (var seed in options.Seeds)
                        {
                            var name = Name(fraction, model, rftK, mixK, seed);
                            if (!names.Add(name)) throw new ArgumentException($"two grid points are both named '{name}' (are two fractions written differently but equal?)");
                            points.Add(new SweepPoint(name, fraction, fraction.Amount(trainCount), model, rftK, mixK, seed));
                        }
                    }
                }
            }
        }
        return points;
    }

    /// <summary>"frac-1_32-model-m-seed-1", with "-k-4" / "-mixk-0.0625" for the axes that exist.</summary>
    public static string Name(SweepFraction fraction, SweepModel model, int? rftK, double? mixK, int seed)
    {
        var inv = CultureInfo.InvariantCulture;
        var name = $"frac-{fraction.Token}-model-{model.Name}";
        if (rftK is { } k) name += string.Format(inv, "-k-{0}", k);
        if (mixK is { } m) name += "-mixk-" + m.ToString("R", inv);
        return name + string.Format(inv, "-seed-{0}", seed);
    }
}
