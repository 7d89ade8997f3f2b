using Sift.IO.Yaml;

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
    public static ExperimentOptions Defaults => ExperimentPresets.Demo() with { DmtEnabled = false };

    /// <summary>Loads a config file.</summary>
    public static ExperimentOptions Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static ExperimentOptions Parse(string yaml, string source, string baseDirectory) =>
        ExperimentOptionsYaml.Table.Parse(yaml, new YamlFieldReader(source, baseDirectory), Defaults);

    /// <summary>The resolved config as YAML (written to the run directory's config.yaml; loads back to the same options).</summary>
    public static string ToYaml(ExperimentOptions o) => ExperimentOptionsYaml.Table.ToYaml(o, Defaults);
}
