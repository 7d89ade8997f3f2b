namespace Sift.Grading;

/// <summary>SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic generator, one per call.</summary>
internal struct SplitMix
{
    private ulong _state;
    public SplitMix(ulong seed) { _state = seed; }
    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
