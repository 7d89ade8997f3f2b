using Sift.IO.Yaml;
using Sift.Training.Sft;

namespace Sift.Pipelines;

/// <summary>The YAML fields of <see cref="MultitaskStageOptions"/> (experiment <c>multitask</c>; moves to Methods/Multitask with the record).</summary>
public static class MultitaskStageOptionsYaml
{
    public static YamlTable<MultitaskStageOptions> Table { get; } = new YamlTable<MultitaskStageOptions>()
        .Bool("enabled", o => o.Enabled, (o, v) => o with { Enabled = v })
        .OptionalSection("generation", o => o.Generation, (o, v) => o with { Generation = v }, SftOptionsYaml.Table, SftOptionsYaml.Shared)
        .Section("evaluation", o => o.Evaluation, (o, v) => o with { Evaluation = v }, SftOptionsYaml.Table);
}
