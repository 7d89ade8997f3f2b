namespace Sift.Text.Chat;

/// <summary>
/// A string-keyed map that keeps insertion order, as Python's <c>dict</c> does: templates iterate
/// messages' fields and <c>tojson</c> writes them in that order, so the order is part of the output.
/// </summary>
public sealed class JinjaDict
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
    private readonly List<KeyValuePair<string, JinjaValue>> _entries = [];

    /// <summary>An empty map.</summary>
    public JinjaDict() { }

    /// <summary>A map holding <paramref name="entries"/> in order (a later duplicate key replaces the value, keeping the first position).</summary>
    public JinjaDict(IEnumerable<KeyValuePair<string, JinjaValue>> entries)
    {
        foreach (var (k, v) in entries) this[k] = v;
    }

    /// <summary>The number of entries.</summary>
    public int Count => _entries.Count;

    /// <summary>The entries in insertion order.</summary>
    public IReadOnlyList<KeyValuePair<string, JinjaValue>> Entries => _entries;

    /// <summary>The value of <paramref name="key"/>; setting a new key appends it, an existing one keeps its position.</summary>
    public JinjaValue this[string key]
    {
        get => _index.TryGetValue(key, out var i) ? _entries[i].Value : throw new KeyNotFoundException(key);
        set
        {
            if (_index.TryGetValue(key, out var i)) _entries[i] = new(key, value);
            else
            {
                _index[key] = _entries.Count;
                _entries.Add(new(key, value));
            }
        }
    }

    /// <summary>Looks <paramref name="key"/> up.</summary>
    public bool TryGetValue(string key, out JinjaValue value)
    {
        if (_index.TryGetValue(key, out var i))
        {
            value = _entries[i].Value;
            return true;
        }
        value = JinjaValue.Undefined;
        return false;
    }

    /// <summary>Whether <paramref name="key"/> is present.</summary>
    public bool ContainsKey(string key) => _index.ContainsKey(key);

    /// <summary>A shallow copy.</summary>
    public JinjaDict Copy() => new(_entries);
}
