using Sift.IO.Yaml;
using Sift.Training.Sft;

namespace Sift.Pipelines;

/// <summary>The YAML fields of <see cref="RftStageOptions"/> (experiment <c>rft</c>; moves to Methods/Rft with the record).</summary>
public static class RftStageOptionsYaml
{
    public static YamlTable<RftStageOptions> Table { get; } = new YamlTable<RftStageOptions>()
        .Bool("enabled", o => o.Enabled, (o, v) => o with { Enabled = v })
        .Int("k", o => o.K, (o, v) => o with { K = v }, 1, 100000)
        .Float("temperature", o => o.Temperature, (o, v) => o with { Temperature = v }, 0, 10)
        .Bool("union", o => o.Union, (o, v) => o with { Union = v })
        .Bool("check_annotations", o => o.CheckAnnotations, (o, v) => o with { CheckAnnotations = v })
        .OptionalSection("training", o => o.Training, (o, v) => o with { Training = v }, SftOptionsYaml.Table, SftOptionsYaml.Shared);
}
