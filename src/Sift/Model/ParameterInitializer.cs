namespace Sift.Model;

/// <summary>
/// Initialisation per docs/model-spec.md: Normal(0, 0.02) for projections and embeddings,
/// 0.02/√(2L) for residual projections (o_proj, down_proj; GPT-2 paper §2.3), norm weights 1,
/// biases 0. Each parameter draws from its own stream seeded from the root seed and its name,
/// so adding a parameter never shifts another.
/// </summary>
public static class ParameterInitializer
{
    /// <summary>Fills <paramref name="weights"/> (laid out by <paramref name="table"/>).</summary>
    public static void Initialize(ModelConfig config, ParameterTable table, Span<float> weights, ulong seed)
    {
        double residualStd = 0.02 / Math.Sqrt(2.0 * config.NumHiddenLayers);
        foreach (var p in table.Entries)
        {
            var dst = weights.Slice((int)p.Offset, (int)p.Size);
            if (p.Name.EndsWith(".bias", StringComparison.Ordinal))
            {
                dst.Clear();
            }
            else if (p.Shape.Length == 1)
            {
                dst.Fill(1f);
            }
            else
            {
                bool residual = p.Name.EndsWith("o_proj.weight", StringComparison.Ordinal) || p.Name.EndsWith("down_proj.weight", StringComparison.Ordinal);
                var rng = new NormalStream(StreamSeed(seed, p.Name));
                double std = residual ? residualStd : 0.02;
                for (int i = 0; i < dst.Length; i++) dst[i] = (float)(rng.Next() * std);
            }
        }
    }

    /// <summary>FNV-1a of the name mixed with the root seed through SplitMix64.</summary>
    public static ulong StreamSeed(ulong root, string name)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in name)
        {
            h ^= ch;
            h *= 1099511628211UL;
        }
        ulong z = root ^ h;
        return SplitMix(ref z);
    }

    internal static ulong SplitMix(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Standard normal draws by Box–Muller over a SplitMix64 stream.</summary>
    private struct NormalStream(ulong seed)
    {
        private ulong _state = seed;
        private double _spare;
        private bool _hasSpare;

        public double Next()
        {
            if (_hasSpare)
            {
                _hasSpare = false;
                return _spare;
            }
            double u1 = ((SplitMix(ref _state) >> 11) + 1.0) / 9007199254740993.0;
            double u2 = (SplitMix(ref _state) >> 11) / 9007199254740992.0;
            double r = Math.Sqrt(-2.0 * Math.Log(u1));
            _spare = r * Math.Sin(2 * Math.PI * u2);
            _hasSpare = true;
            return r * Math.Cos(2 * Math.PI * u2);
        }
    }
}
