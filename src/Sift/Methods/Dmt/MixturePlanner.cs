using System.Globalization;

namespace Sift.Methods.Dmt;

/// <summary>
/// The stages of each strategy of Dong et al. 2023 (§3.4 and §4, Figure 5): which sources and how many
/// problems of each every stage mixes. Pure arithmetic, so the compositions can be tested without training.
/// </summary>
public static class MixturePlanner
{
    /// <summary>The paper's default DMT fraction of each specialised source kept in stage 2 (k = 1/256 … 1; 1/16 in the demo).</summary>
    public const double DefaultK = 0.0625;

    /// <summary>Number of stages of <paramref name="strategy"/> with <paramref name="specialisedSources"/> specialised sources.</summary>
    public static int StageCount(MixtureStrategy strategy, int specialisedSources) => strategy switch
    {
        MixtureStrategy.MultiTask => 1,
        MixtureStrategy.Sequential => specialisedSources + 1,
        _ => 2,
    };

    /// <summary>Problems of a specialised source of <paramref name="count"/> replayed in DMT's stage 2: round(k · count) half away from zero, at least 1 when k &gt; 0.</summary>
    public static int Fraction(double k, int count)
    {
        if (!(k >= 0 && k <= 1)) throw new ArgumentException($"k must be in [0, 1], got {k}");
        if (k == 0 || count == 0) return 0;
        return Math.Max(1, (int)Math.Round(k * count, MidpointRounding.AwayFromZero));
    }

    /// <summary>
    /// The stages of <paramref name="strategy"/>. <paramref name="sources"/> are (name, resolved count) in
    /// config order; the one named <paramref name="general"/> is the general source, the rest are the
    /// specialised ones (math, code), trained in that order by the sequential strategy.
    /// </summary>
    /// <param name="epochs">Epochs per stage (length <see cref="StageCount"/>).</param>
    public static IReadOnlyList<MixtureStage> Plan(MixtureStrategy strategy, IReadOnlyList<(string Name, int Count)> sources, string general, double k, IReadOnlyList<double> epochs)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var generalSource = sources.Where(s => s.Name == general).ToArray();
        if (generalSource.Length != 1) throw new ArgumentException($"the general source '{general}' must be among the sources exactly once (sources: {string.Join(", ", sources.Select(s => s.Name))})");
        var specialised = sources.Where(s => s.Name != general).ToArray();
        if (specialised.Length == 0) throw new ArgumentException("at least one specialised source (e.g. math) is needed besides the general one");
        if (specialised.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count() != specialised.Length) throw new ArgumentException("source names must be distinct");
        int stages = StageCount(strategy, specialised.Length);
        if (epochs.Count != stages) throw new ArgumentException($"{MixtureStrategies.Name(strategy)} has {stages} stages but {epochs.Count} epoch values were given");
        var g = new MixturePart(general, generalSource[0].Count);
        var spec = specialised.Select(s => new MixturePart(s.Name, s.Count)).ToArray();
        var specName = string.Join('+', spec.Select(s => s.Source));
        return strategy switch
        {
            MixtureStrategy.MultiTask => [new MixtureStage(string.Join('+', sources.Select(s => s.Name)), sources.Select(s => new MixturePart(s.Name, s.Count)).ToArray(), epochs[0])],
            MixtureStrategy.Sequential => spec.Select((p, i) => new MixtureStage(p.Source, [p], epochs[i])).Append(new MixtureStage(general, [g], epochs[^1])).ToArray(),
            MixtureStrategy.MixedSequential => [new MixtureStage(specName, spec, epochs[0]), new MixtureStage(general, [g], epochs[1])],
            MixtureStrategy.Dmt =>
            [
                new MixtureStage(specName, spec, epochs[0]),
                new MixtureStage(string.Create(CultureInfo.InvariantCulture, $"{general}+{k:0.####}·({specName})"),
                    [g, .. spec.Select(p => new MixturePart(p.Source, Fraction(k, p.Count)))], epochs[1]),
            ],
            _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
        };
    }
}
