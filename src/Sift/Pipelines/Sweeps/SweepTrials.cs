namespace Sift.Pipelines.Sweeps;

/// <summary>
/// The trial kinds a sweep can run, by <see cref="ISweepTrial.Kind"/>: sft, rft and dmt (mixture k);
/// more join with <see cref="With"/>.
/// </summary>
public sealed class SweepTrials
{
    private readonly Dictionary<string, ISweepTrial> _byKind;

    private SweepTrials(Dictionary<string, ISweepTrial> byKind) => _byKind = byKind;

    /// <summary>sft, rft and dmt.</summary>
    public static SweepTrials Default { get; } = new(new Dictionary<string, ISweepTrial>(StringComparer.Ordinal)
    {
        ["sft"] = new SftSweepTrial(),
        ["rft"] = new RftSweepTrial(),
        ["dmt"] = new DmtSweepTrial(),
    });

    /// <summary>These kinds plus <paramref name="trial"/> (replacing one of the same kind).</summary>
    public SweepTrials With(ISweepTrial trial)
    {
        var copy = new Dictionary<string, ISweepTrial>(_byKind, StringComparer.Ordinal) { [trial.Kind] = trial };
        return new SweepTrials(copy);
    }

    /// <summary>Registered kinds.</summary>
    public IReadOnlyCollection<string> Kinds => _byKind.Keys;

    /// <summary>The trial of a kind, or an error saying which kinds exist.</summary>
    public ISweepTrial Get(string kind) => _byKind.TryGetValue(kind, out var t)
        ? t
        : throw new InvalidOperationException($"trial kind '{kind}' is not available in this build (available: {string.Join(", ", _byKind.Keys.Order(StringComparer.Ordinal))})");
}
