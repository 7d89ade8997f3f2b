namespace Sift.Eval;

/// <summary>An accuracy measured under several seeds: the mean the tables report, its spread, and each seed's value.</summary>
/// <param name="Mean">Mean over seeds (a fraction in [0, 1]).</param>
/// <param name="StdDev">Sample standard deviation over seeds (0 for one seed).</param>
/// <param name="PerSeed">Each seed's accuracy, in seed order.</param>
public sealed record SeedAccuracy(double Mean, double StdDev, IReadOnlyList<double> PerSeed);

/// <summary>Accuracy aggregation: fraction correct over problems, then mean over seeds.</summary>
public static class Accuracy
{
    /// <summary>Fraction of true verdicts (0 for no problems).</summary>
    public static double Of(IEnumerable<bool> verdicts)
    {
        var total = 0;
        var correct = 0;
        foreach (var verdict in verdicts)
        {
            total++;
            if (verdict)
            {
                correct++;
            }
        }
        return total == 0 ? 0 : (double)correct / total;
    }

    /// <summary>Mean and sample standard deviation of per-seed accuracies.</summary>
    public static SeedAccuracy OverSeeds(IEnumerable<double> perSeed)
    {
        var values = perSeed.ToList();
        if (values.Count == 0)
        {
            throw new ArgumentException("no seeds", nameof(perSeed));
        }
        var mean = values.Average();
        var variance = values.Count > 1 ? values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1) : 0;
        return new SeedAccuracy(mean, Math.Sqrt(variance), values);
    }
}
