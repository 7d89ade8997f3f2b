namespace Sift.Model.Sampling;

/// <summary>
/// Finds stop strings in a growing decoded completion. A stop string may span several tokens, so
/// after each token the caller passes the whole decoded text so far and the length it had before
/// the token was appended; only the tail that can hold a new match is searched. Stateless: one
/// matcher serves every sequence of a batch.
/// </summary>
public sealed class StopStringMatcher
{
    private readonly string[] _stops;

    public StopStringMatcher(IEnumerable<string> stopStrings)
    {
        ArgumentNullException.ThrowIfNull(stopStrings);
        _stops = [.. stopStrings];
        foreach (var s in _stops)
        {
            if (string.IsNullOrEmpty(s)) throw new ArgumentException("stop strings must be non-empty", nameof(stopStrings));
        }
        MaxLength = _stops.Length == 0 ? 0 : _stops.Max(s => s.Length);
    }

    public IReadOnlyList<string> StopStrings => _stops;

    public int MaxLength { get; }

    /// <summary>
    /// The index where the earliest stop string starts among matches that end after
    /// <paramref name="previousLength"/> (i.e. that the newest token completed), or −1. The
    /// completion is <c>text[..index]</c>.
    /// </summary>
    /// <param name="text">The decoded completion so far.</param>
    /// <param name="previousLength">Its length before the newest token (0 to search everything).</param>
    public int FindNew(ReadOnlySpan<char> text, int previousLength)
    {
        if (_stops.Length == 0) return -1;
        int from = Math.Max(0, Math.Min(previousLength, text.Length) - MaxLength + 1);
        int best = -1;
        foreach (var stop in _stops)
        {
            int at = text[from..].IndexOf(stop.AsSpan(), StringComparison.Ordinal);
            if (at >= 0 && (best < 0 || from + at < best)) best = from + at;
        }
        return best;
    }

    /// <summary>
    /// How much of <paramref name="text"/> can be shown while streaming: everything except a
    /// suffix that is a proper prefix of some stop string (it may still become one).
    /// </summary>
    public int SafePrefixLength(ReadOnlySpan<char> text)
    {
        int hold = 0;
        foreach (var stop in _stops)
        {
            for (int len = Math.Min(stop.Length - 1, text.Length); len > hold; len--)
            {
                if (text[^len..].SequenceEqual(stop.AsSpan(0, len)))
                {
                    hold = len;
                    break;
                }
            }
        }
        return text.Length - hold;
    }
}
