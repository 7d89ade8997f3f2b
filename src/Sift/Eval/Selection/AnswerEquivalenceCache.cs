namespace Sift.Eval.Selection;

/// <summary>
/// Memoises one problem's answer comparisons: answers are interned to ids (ordinal string equality),
/// usability is decided once per distinct answer, and each ordered pair of distinct answers is
/// compared at most once however many subsets are clustered. Not thread-safe: one per problem,
/// used from one thread.
/// </summary>
public sealed class AnswerEquivalenceCache
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _answers = [];
    private readonly List<bool> _usable = [];
    private readonly Dictionary<long, bool> _pairs = [];

    public AnswerEquivalenceCache(IAnswerEquivalence equivalence)
    {
        ArgumentNullException.ThrowIfNull(equivalence);
        Equivalence = equivalence;
    }

    public IAnswerEquivalence Equivalence { get; }

    /// <summary>Equivalence calls actually made (cache misses); for tests and diagnostics.</summary>
    public int Comparisons { get; private set; }

    /// <summary>The id of <paramref name="answer"/>, or -1 when it is absent or unusable (it cannot vote).</summary>
    public int IdOf(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return -1;
        }
        if (!_ids.TryGetValue(answer, out var id))
        {
            id = _answers.Count;
            _ids.Add(answer, id);
            _answers.Add(answer);
            _usable.Add(Equivalence.IsUsable(answer));
        }
        return _usable[id] ? id : -1;
    }

    /// <summary>The answer text of <paramref name="id"/>.</summary>
    public string AnswerOf(int id) => _answers[id];

    /// <summary>Whether the answer <paramref name="candidate"/> joins a cluster represented by <paramref name="representative"/>.</summary>
    public bool AreEquivalent(int representative, int candidate)
    {
        if (representative == candidate)
        {
            return true;
        }
        var key = ((long)representative << 32) | (uint)candidate;
        if (!_pairs.TryGetValue(key, out var same))
        {
            same = Equivalence.AreEquivalent(_answers[representative], _answers[candidate]);
            Comparisons++;
            _pairs.Add(key, same);
        }
        return same;
    }
}
