using System.Numerics;
using System.Runtime.CompilerServices;

namespace Sift.Model.Sampling;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna, "Scrambled linear pseudorandom number generators", 2021):
/// small, fast, seedable, 256-bit state; seeded by SplitMix64 as the authors recommend. A mutable
/// struct: pass it by <c>ref</c> (one per random stream, e.g. one per generated sequence).
/// Streams come from <see cref="SeedDerivation.DeriveSeed"/> so every stream depends only on the
/// root seed and its own name.
/// </summary>
public struct Xoshiro256StarStar
{
    private ulong _s0, _s1, _s2, _s3;

    public Xoshiro256StarStar(ulong seed)
    {
        ulong x = seed;
        _s0 = SeedDerivation.SplitMix64(ref x);
        _s1 = SeedDerivation.SplitMix64(ref x);
        _s2 = SeedDerivation.SplitMix64(ref x);
        _s3 = SeedDerivation.SplitMix64(ref x);
    }

    /// <summary>A generator for stream <paramref name="streamName"/> of root seed <paramref name="rootSeed"/>.</summary>
    public static Xoshiro256StarStar ForStream(ulong rootSeed, string streamName) => new(SeedDerivation.DeriveSeed(rootSeed, streamName));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer in [0, <paramref name="bound"/>), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int bound)
    {
        if (bound <= 0) throw new ArgumentOutOfRangeException(nameof(bound), bound, "bound must be positive");
        ulong b = (ulong)bound;
        ulong threshold = (0UL - b) % b;
        while (true)
        {
            ulong hi = Math.BigMul(NextUInt64(), b, out ulong lo);
            if (lo >= threshold) return (int)hi;
        }
    }

    /// <summary>Standard normal N(0, 1) by Box–Muller (one draw per call; two uniforms consumed).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(); // (0, 1]: log is finite
        double u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
