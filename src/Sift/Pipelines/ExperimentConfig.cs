using Sift.IO.Yaml;
using Sift.Methods.Dmt;

namespace Sift.Pipelines;

/// <summary>
/// Reads and writes YAML experiment configs (`sift run config.yaml`) with <see cref="ExperimentOptionsYaml.Table"/>.
/// Every field is optional and defaults to the demo's value (<see cref="Defaults"/>; the DMT study is opt-in); unknown
/// fields and bad values are errors naming file, line and field, so a typo never silently falls back to a
/// default. Relative paths are relative to the config file.
/// </summary>
public static class ExperimentConfig
{
    /// <summary>What a field a config leaves out means: the demo's value, except that the data-composition study is opt-in (<c>dmt: {enabled: true}</c>).</summary>
    public static ExperimentOptions Defaults
    {
        get
        {
            var demo = ExperimentPresets.Demo();
            return demo with { Dmt = demo.Dmt with { Enabled = false } };
        }
    }

    /// <summary>Loads a config file.</summary>
    public static ExperimentOptions Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static ExperimentOptions Parse(string yaml, string source, string baseDirectory) =>
        ExperimentOptionsYaml.Table.Parse(yaml, Scope(new YamlFieldReader(source, baseDirectory)), Defaults);

    /// <summary>What an experiment's fields are read in: <paramref name="reader"/>, with the ability names a <c>dmt.sources</c> entry may have.</summary>
    public static YamlScope Scope(YamlFieldReader reader) => new YamlScope(reader).With(MixtureSourceYaml.AbilitiesKey, AbilityRegistry.Default().Names);

    /// <summary>The resolved config as YAML (written to the run directory's config.yaml; loads back to the same options).</summary>
    public static string ToYaml(ExperimentOptions o) => ExperimentOptionsYaml.Table.ToYaml(o, Defaults);
}
