using Sift.Model.Sampling;

namespace Sift.Model;

/// <summary>
/// Initialisation per docs/model-spec.md: Normal(0, 0.02) for projections and embeddings,
/// 0.02/√(2L) for residual projections (o_proj, down_proj; GPT-2 paper §2.3), norm weights 1,
/// biases 0. Each parameter draws from its own stream, "init/&lt;name&gt;" derived from the root seed (<see cref="SeedDerivation"/>),
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
                var rng = Xoshiro256StarStar.ForStream(seed, "init/" + p.Name);
                double std = residual ? residualStd : 0.02;
                for (int i = 0; i < dst.Length; i++) dst[i] = (float)(rng.NextGaussian() * std);
            }
        }
    }
}
