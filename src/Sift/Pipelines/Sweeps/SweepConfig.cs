using Sift.IO.Yaml;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// Reads and writes sweep configs (`sift sweep config.yaml`; docs/sweep.md lists every field) with
/// <see cref="SweepOptionsYaml.Table"/>. Unknown fields and bad values are errors naming file, line and field.
/// </summary>
public static class SweepConfig
{
    /// <summary>Trial kinds a config may name ("dmt" needs its trial registered, see <see cref="SweepTrials"/>).</summary>
    public static IReadOnlyList<string> TrialKinds => SweepOptionsYaml.TrialKinds;

    /// <summary>Loads a sweep config file (and the experiment config it names).</summary>
    public static SweepOptions Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses sweep config text; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static SweepOptions Parse(string yaml, string source, string baseDirectory)
    {
        var reader = new YamlFieldReader(source, baseDirectory);
        if (reader.Root(yaml) is null) throw new ConfigException($"{source}: empty sweep config (at least axes.data_fraction or axes.model is expected)");
        return SweepOptionsYaml.Table.Parse(yaml, reader, new SweepOptions());
    }

    /// <summary>The sweep config as YAML, with its experiment embedded (written to the run directory's config.yaml; loads back to the same options).</summary>
    public static string ToYaml(SweepOptions o) => SweepOptionsYaml.Table.ToYaml(o, new SweepOptions());
}
