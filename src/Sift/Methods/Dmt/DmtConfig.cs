using Sift.IO.Yaml;

namespace Sift.Methods.Dmt;

/// <summary>
/// Reads and writes DMT experiment configs (`sift mix config.yaml`, configs/mix/dmt.yaml) with
/// <see cref="DmtOptionsYaml.Table"/>: every field optional with the defaults of <see cref="DmtOptions"/>,
/// unknown fields and bad values are errors naming file, line and field.
/// </summary>
public static class DmtConfig
{
    /// <summary>Loads a config file; <paramref name="knownAbilities"/> (when given) are the source names allowed.</summary>
    public static DmtOptions Load(string path, IReadOnlyCollection<string>? knownAbilities = null)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, knownAbilities);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors.</summary>
    public static DmtOptions Parse(string yaml, string source, IReadOnlyCollection<string>? knownAbilities = null)
    {
        var scope = new YamlScope(new YamlFieldReader(source));
        if (knownAbilities is not null) scope = scope.With(MixtureSourceYaml.AbilitiesKey, knownAbilities);
        return DmtOptionsYaml.Table.Parse(yaml, scope, new DmtOptions());
    }

    /// <summary>The resolved config as YAML (written to the run directory's config.yaml; loads back to the same options).</summary>
    public static string ToYaml(DmtOptions o) => DmtOptionsYaml.Table.ToYaml(o, new DmtOptions());
}
