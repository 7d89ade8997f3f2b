using System.Text;

namespace Sift.Model.Sampling;

/// <summary>
/// Derives independent seeds from one root seed by name ("init/model.layers.0.mlp.up_proj.weight",
/// "sample/problem-17/3", ...): seed = SplitMix64-mix(root ⊕ mix(FNV-1a-64(UTF-8 name))). The hash is
/// fixed by this code (never <c>string.GetHashCode</c>, which is randomised per process), so a name
/// always gives the same stream and adding a stream never shifts another.
/// </summary>
public static class SeedDerivation
{
    /// <summary>The seed of stream <paramref name="streamName"/> of a run's root seed as users write it (an int; negative values sign-extend).</summary>
    public static ulong DeriveSeed(int rootSeed, string streamName) => DeriveSeed((ulong)rootSeed, streamName);

    public static ulong DeriveSeed(ulong rootSeed, string streamName)
    {
        ArgumentNullException.ThrowIfNull(streamName);
        ulong h = 14695981039346656037UL; // FNV-1a 64 offset basis
        Span<byte> buffer = stackalloc byte[256];
        int max = Encoding.UTF8.GetMaxByteCount(streamName.Length);
        byte[]? rented = max > buffer.Length ? new byte[max] : null;
        Span<byte> bytes = rented ?? buffer;
        int n = Encoding.UTF8.GetBytes(streamName, bytes);
        foreach (byte b in bytes[..n])
        {
            h ^= b;
            h *= 1099511628211UL; // FNV-1a 64 prime
        }
        return Mix(rootSeed ^ Mix(h ^ (ulong)n));
    }

    /// <summary>The SplitMix64 finaliser (Steele, Lea &amp; Flood, "Fast splittable pseudorandom number generators", 2014).</summary>
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns the next output.</summary>
    public static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }
}
