namespace Sift.Methods.Dmt;

/// <summary>The SFT data-composition strategies compared by Dong et al. 2023 (§3.4–§4).</summary>
public enum MixtureStrategy
{
    /// <summary>Every source mixed, one stage.</summary>
    MultiTask,

    /// <summary>One stage per source: the specialised sources in order, the general source last, each continuing from the previous weights.</summary>
    Sequential,

    /// <summary>Stage 1: the specialised sources mixed; stage 2: the general source.</summary>
    MixedSequential,

    /// <summary>Dual-stage Mixed fine-Tuning: stage 1 as mixed sequential; stage 2: the general source plus a fraction k of each specialised source.</summary>
    Dmt,
}

/// <summary>Names of <see cref="MixtureStrategy"/> as configs and results.json spell them.</summary>
public static class MixtureStrategies
{
    public static IReadOnlyList<MixtureStrategy> All { get; } = [MixtureStrategy.MultiTask, MixtureStrategy.Sequential, MixtureStrategy.MixedSequential, MixtureStrategy.Dmt];

    public static IReadOnlyList<string> Names { get; } = All.Select(Name).ToArray();

    /// <summary><c>multi_task</c>, <c>sequential</c>, <c>mixed_sequential</c> or <c>dmt</c>.</summary>
    public static string Name(MixtureStrategy strategy) => strategy switch
    {
        MixtureStrategy.MultiTask => "multi_task",
        MixtureStrategy.Sequential => "sequential",
        MixtureStrategy.MixedSequential => "mixed_sequential",
        MixtureStrategy.Dmt => "dmt",
        _ => throw new ArgumentOutOfRangeException(nameof(strategy)),
    };

    /// <summary>The strategy named <paramref name="name"/>, or null.</summary>
    public static MixtureStrategy? TryParse(string name)
    {
        foreach (var s in All)
        {
            if (string.Equals(Name(s), name, StringComparison.OrdinalIgnoreCase)) return s;
        }
        return null;
    }
}
