using Sift.IO.Yaml;

namespace Sift.Eval;

/// <summary>The YAML fields of <see cref="EvalOptions"/> (experiment <c>eval</c>; its length limit and batch are the experiment's).</summary>
public static class EvalOptionsYaml
{
    public static YamlTable<EvalOptions> Table { get; } = new YamlTable<EvalOptions>()
        .Bool("greedy", e => e.Greedy, (e, v) => e with { Greedy = v })
        .Int("k", e => e.K, (e, v) => e.WithK(v), 0, 100000)
        .Float("temperature", e => e.Sampling.Decoding.Temperature, (e, v) => e.WithDecoding(d => d with { Temperature = v }), 0, 10)
        .Int("top_k", e => e.Sampling.Decoding.TopK, (e, v) => e.WithDecoding(d => d with { TopK = v }), 0, 1_000_000);
}
