using System.Collections;

namespace Sift.Model;

/// <summary>
/// An immutable list of token ids compared by value, so the records that hold one
/// (<see cref="ModelConfig.EosTokenIds"/>, <see cref="GenerationConfig.EosTokenIds"/>) keep value
/// equality (a saved and reloaded config equals the original).
/// </summary>
public sealed class TokenIdList : IReadOnlyList<int>, IEquatable<TokenIdList>
{
    private readonly int[] _ids;

    public TokenIdList(IEnumerable<int> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        _ids = ids.ToArray();
    }

    public int Count => _ids.Length;

    public int this[int index] => _ids[index];

    public IEnumerator<int> GetEnumerator() => ((IEnumerable<int>)_ids).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _ids.GetEnumerator();

    public bool Equals(TokenIdList? other) => other is not null && _ids.AsSpan().SequenceEqual(other._ids);

    public override bool Equals(object? obj) => obj is TokenIdList other && Equals(other);

    public override int GetHashCode()
    {
        var h = new HashCode();
        foreach (int id in _ids) h.Add(id);
        return h.ToHashCode();
    }

    public override string ToString() => "[" + string.Join(", ", _ids) + "]";
}
