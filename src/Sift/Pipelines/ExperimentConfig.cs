using Sift.IO.Yaml;

namespace Sift.Pipelines;

/// <summary>
/// Reads and writes YAML experiment configs (`sift run config.yaml`) with <see cref="ExperimentOptionsYaml.Table"/>.
/// Every field is optional and defaults to the demo's value (<see cref="ExperimentPresets.Demo"/>); unknown
/// fields and bad values are errors naming file, line and field, so a typo never silently falls back to a
/// default. Relative paths are relative to the config file.
/// </summary>
public static class ExperimentConfig
{
    /// <summary>Loads a config file.</summary>
    public static ExperimentOptions Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static ExperimentOptions Parse(string yaml, string source, string baseDirectory) =>
        ExperimentOptionsYaml.Table.Parse(yaml, new YamlFieldReader(source, baseDirectory), ExperimentPresets.Demo());

    /// <summary>The resolved config as YAML (written to the run directory's config.yaml; loads back to the same options).</summary>
    public static string ToYaml(ExperimentOptions o) => ExperimentOptionsYaml.Table.ToYaml(o, ExperimentPresets.Demo());
}
