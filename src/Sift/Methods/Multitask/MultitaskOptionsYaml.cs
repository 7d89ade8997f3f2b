using Sift.IO.Yaml;
using Sift.Training.Sft;

namespace Sift.Methods.Multitask;

/// <summary>The YAML fields of <see cref="MultitaskOptions"/> (experiment <c>multitask</c>).</summary>
public static class MultitaskOptionsYaml
{
    public static YamlTable<MultitaskOptions> Table { get; } = new YamlTable<MultitaskOptions>()
        .Bool("enabled", o => o.Enabled, (o, v) => o with { Enabled = v })
        .OptionalSection("generation", o => o.Generation, (o, v) => o with { Generation = v }, SftOptionsYaml.Table, SftOptionsYaml.Shared)
        .Section("evaluation", o => o.Evaluation, (o, v) => o with { Evaluation = v }, SftOptionsYaml.Table);
}
