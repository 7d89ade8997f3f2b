namespace Sift.Methods.Dmt;

/// <summary>
/// One source of an SFT mixture: an ability's training set, whole or in part. The amount is either an
/// absolute number of problems (<see cref="Amount"/>) or a fraction of the source's training set
/// (<see cref="Ratio"/>, the paper's 1, 1/4, 1/16 … amounts); neither means the whole set.
/// </summary>
/// <param name="Name">The ability's name (<see cref="AbilityTask.Name"/>).</param>
/// <param name="Amount">Training problems to take (null: see <paramref name="Ratio"/>).</param>
/// <param name="Ratio">Fraction in (0, 1] of the training set (null: see <paramref name="Amount"/>).</param>
public sealed record MixtureSource(string Name, int? Amount = null, double? Ratio = null)
{
    /// <summary>Training problems generated for the source when the experiment builds its tasks (<see cref="AbilityRegistry"/>).</summary>
    public int Train { get; init; } = 1000;

    /// <summary>Held-out problems its score is measured on.</summary>
    public int Test { get; init; } = 100;

    /// <summary>
    /// Problems taken from a training set of <paramref name="available"/>: the amount (at most what is
    /// there: asking for more is an error, not a silent cap), or round(ratio · available) half away
    /// from zero and at least 1, or everything.
    /// </summary>
    public int Resolve(int available)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(available);
        if (Amount is not null && Ratio is not null) throw new ArgumentException($"source {Name}: give an amount or a ratio, not both");
        if (Amount is { } amount)
        {
            if (amount < 0) throw new ArgumentException($"source {Name}: amount must be >= 0, got {amount}");
            if (amount > available) throw new ArgumentException($"source {Name}: amount {amount} is more than its {available} training problems");
            return amount;
        }
        if (Ratio is { } ratio)
        {
            if (!(ratio > 0 && ratio <= 1)) throw new ArgumentException($"source {Name}: ratio must be in (0, 1], got {ratio}");
            return available == 0 ? 0 : Math.Max(1, (int)Math.Round(ratio * available, MidpointRounding.AwayFromZero));
        }
        return available;
    }
}
