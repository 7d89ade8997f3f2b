using Sift.IO.Yaml;

namespace Sift.Eval;

/// <summary>The YAML fields of <see cref="EvalOptions"/> (experiment <c>eval</c>).</summary>
public static class EvalOptionsYaml
{
    public static YamlTable<EvalOptions> Table { get; } = new YamlTable<EvalOptions>()
        .Bool("greedy", e => e.Greedy, (e, v) => e with { Greedy = v })
        .Int("k", e => e.K, (e, v) => e with { K = v }, 0, 100000)
        .Float("temperature", e => e.Temperature, (e, v) => e with { Temperature = v }, 0, 10)
        .Int("top_k", e => e.TopK, (e, v) => e with { TopK = v }, 0, 1_000_000);
}
