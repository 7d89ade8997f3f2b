using Sift.IO.Yaml;
using Sift.Training.Sft;

namespace Sift.Methods.RestEm;

/// <summary>The YAML fields of <see cref="RestEmOptions"/> (experiment <c>restem</c>).</summary>
public static class RestEmOptionsYaml
{
    public static YamlTable<RestEmOptions> Table { get; } = new YamlTable<RestEmOptions>()
        .Bool("enabled", o => o.Enabled, (o, v) => o with { Enabled = v })
        .Int("iterations", o => o.Iterations, (o, v) => o with { Iterations = v }, 1, 1000)
        .Int("k", o => o.K, (o, v) => o with { K = v }, 1, 100000)
        .Float("temperature", o => o.Temperature, (o, v) => o with { Temperature = v }, 0, 10)
        .Int("top_k", o => o.TopK, (o, v) => o with { TopK = v }, 0, 1_000_000)
        .Int("max_per_problem", o => o.MaxPerProblem, (o, v) => o with { MaxPerProblem = v }, 1, 100000)
        .Bool("continue_from_previous", o => o.ContinueFromPrevious, (o, v) => o with { ContinueFromPrevious = v })
        .OptionalSection("training", o => o.Training, (o, v) => o with { Training = v }, SftOptionsYaml.Table, SftOptionsYaml.Shared);
}
