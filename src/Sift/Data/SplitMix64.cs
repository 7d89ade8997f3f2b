namespace Sift.Data;

/// <summary>
/// SplitMix64 (Steele, Lea, Flood 2014): a tiny, fully specified generator, so data generated from
/// a seed is the same bytes on every runtime (System.Random's algorithm is not a contract).
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A generator for stream <paramref name="index"/> of <paramref name="seed"/>, independent of other indices.</summary>
    public static SplitMix64 ForStream(long seed, long index, ulong salt = 0)
    {
        var mixer = new SplitMix64(unchecked((ulong)seed) ^ salt);
        var a = mixer.NextUInt64();
        return new SplitMix64(a ^ Mix(unchecked((ulong)index) + 0x632BE59BD9B4E019UL));
    }

    public ulong NextUInt64()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        return Mix(_state);
    }

    /// <summary>Uniform integer in [<paramref name="min"/>, <paramref name="max"/>] (inclusive).</summary>
    public int Next(int min, int max)
    {
        if (max < min)
        {
            throw new ArgumentOutOfRangeException(nameof(max), $"empty range [{min}, {max}]");
        }
        var span = (ulong)((long)max - min + 1);
        return (int)(min + (long)(NextUInt64() % span)); // modulo bias is < 2^-40 for our spans
    }

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(0, items.Count - 1)];

    public bool Chance(double p) => (NextUInt64() >> 11) * (1.0 / (1UL << 53)) < p;

    public void Shuffle<T>(IList<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = Next(0, i);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }
}
