using Sift.IO.Yaml;
using Sift.Training.Sft;

namespace Sift.Methods.Rft;

/// <summary>The YAML fields of <see cref="RftOptions"/> (experiment <c>rft</c>).</summary>
public static class RftOptionsYaml
{
    public static YamlTable<RftOptions> Table { get; } = new YamlTable<RftOptions>()
        .Bool("enabled", o => o.Enabled, (o, v) => o with { Enabled = v })
        .Int("k", o => o.K, (o, v) => o with { K = v }, 1, 100000)
        .Float("temperature", o => o.Temperature, (o, v) => o with { Temperature = v }, 0, 10)
        .Bool("union", o => o.Union, (o, v) => o with { Union = v })
        .Bool("check_annotations", o => o.CheckAnnotations, (o, v) => o with { CheckAnnotations = v })
        .OptionalSection("training", o => o.Training, (o, v) => o with { Training = v }, SftOptionsYaml.Table, SftOptionsYaml.Shared);
}
