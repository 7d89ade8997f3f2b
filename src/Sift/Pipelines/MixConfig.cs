using Sift.IO.Yaml;
using Sift.Methods.Dmt;

namespace Sift.Pipelines;

/// <summary>
/// Reads and writes `sift mix` configs (configs/mix/dmt.yaml) with <see cref="ExperimentOptionsYaml.MixTable"/>:
/// an experiment-shaped config of the shared fields the data-composition study uses (name, seeds,
/// template, vocab_size, sample_batch, max_new_tokens, model, sft) and its <c>dmt</c> section, so a study
/// reads the same from an experiment's config and from a mix config. Every field is optional and defaults
/// to the demo's value (the demo's study is what an empty mix config runs); unknown fields and bad values
/// are errors naming file, line and field.
/// </summary>
public static class MixConfig
{
    /// <summary>What a field a mix config leaves out means: the demo's value (its study on), named "dmt" (runs/dmt).</summary>
    public static ExperimentOptions Defaults => ExperimentPresets.Demo() with { Name = "dmt" };

    /// <summary>Loads a config file; <paramref name="knownAbilities"/> (default: <see cref="AbilityRegistry.Default"/>'s) are the source names allowed.</summary>
    public static ExperimentOptions Load(string path, IReadOnlyCollection<string>? knownAbilities = null)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, knownAbilities);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors.</summary>
    public static ExperimentOptions Parse(string yaml, string source, IReadOnlyCollection<string>? knownAbilities = null)
    {
        var scope = new YamlScope(new YamlFieldReader(source)).With(MixtureSourceYaml.AbilitiesKey, knownAbilities ?? AbilityRegistry.Default().Names);
        return ExperimentOptionsYaml.MixTable.Parse(yaml, scope, Defaults);
    }

    /// <summary>The mix fields of <paramref name="o"/> as YAML (written to the run directory's config.yaml; loads back to the same study).</summary>
    public static string ToYaml(ExperimentOptions o) => ExperimentOptionsYaml.MixTable.ToYaml(o, Defaults);
}
