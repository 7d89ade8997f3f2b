using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sift.IO.Yaml;

/// <summary>
/// Typed reads of YAML config nodes whose every error names file, line and field
/// (<c>exp.yaml:12: sft.lr: 'fast' is not a number</c>), so a typo never silently falls back to a
/// default. Shared by the experiment, `sift mix` and `sift sweep` configs.
/// </summary>
/// <param name="source">The file name shown in errors.</param>
/// <param name="baseDirectory">Where relative paths are anchored (the config's folder).</param>
public sealed class YamlFieldReader(string source, string baseDirectory = "")
{
    public string Source { get; } = source;

    /// <summary>Where relative paths are anchored.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    /// <summary>The document's root mapping (null for an empty document); invalid YAML is an error naming its line.</summary>
    public YamlMappingNode? Root(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ConfigException($"{Source}:{e.Start.Line}: invalid YAML ({e.Message})", e);
        }
        if (stream.Documents.Count == 0) return null;
        return stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new ConfigException($"{Source}:{stream.Documents[0].RootNode.Start.Line}: the config must be a mapping of fields");
    }

    public ConfigException Error(YamlNode node, string field, string message) =>
        new($"{Source}:{node.Start.Line}: {field}: {message}");

    /// <summary>The fields of a mapping, in order; unknown or repeated names are errors listing the known ones.</summary>
    public List<(string Key, YamlNode Value)> Fields(YamlNode node, string prefix, string[] known)
    {
        if (node is not YamlMappingNode map) throw Error(node, prefix.Length == 0 ? "(top level)" : prefix.TrimEnd('.'), "expected a mapping of fields");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var list = new List<(string, YamlNode)>();
        foreach (var (k, v) in map.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? throw Error(k, prefix, "field names must be plain text");
            if (!known.Contains(key)) throw Error(k, prefix + key, $"unknown field; known fields here: {string.Join(", ", known)}");
            if (!seen.Add(key)) throw Error(k, prefix + key, "given twice");
            list.Add((key, v));
        }
        return list;
    }

    public string String(YamlNode node, string field) =>
        (node as YamlScalarNode)?.Value ?? throw Error(node, field, "expected a single value");

    /// <summary>A path relative to the config's folder (empty or <c>null</c>: none).</summary>
    public string? PathValue(YamlNode node, string field)
    {
        var s = String(node, field);
        return s.Length == 0 || s == "null" || s == "~" ? null : Path.GetFullPath(Path.Combine(BaseDirectory, s));
    }

    public string Choice(YamlNode node, string field, params string[] options)
    {
        var s = String(node, field).ToLowerInvariant();
        return options.Contains(s) ? s : throw Error(node, field, $"'{s}' is not one of {string.Join(", ", options)}");
    }

    public int Int(YamlNode node, string field, int min, int max)
    {
        var s = String(node, field);
        if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) throw Error(node, field, $"'{s}' is not an integer");
        if (v < min || v > max) throw Error(node, field, $"{v} is out of range [{min}, {max}]");
        return v;
    }

    /// <summary>A number, also written as a fraction such as <c>1/16</c> (the DMT paper writes k that way).</summary>
    public double Double(YamlNode node, string field, double min, double max)
    {
        var s = String(node, field);
        double v = 0;
        bool ok;
        var slash = s.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0)
        {
            ok = double.TryParse(s[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out var num)
                & double.TryParse(s[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var den);
            ok = ok && den != 0;
            if (ok) v = num / den;
        }
        else
        {
            ok = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
        }
        if (!ok) throw Error(node, field, $"'{s}' is not a number");
        if (!(v >= min && v <= max)) throw Error(node, field, $"{s} is out of range [{min}, {max}]");
        return v;
    }

    /// <summary>True for a YAML null (<c>null</c>, <c>~</c> or nothing).</summary>
    public static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: null or "" or "null" or "~" } scalar && scalar.Style is not (ScalarStyle.DoubleQuoted or ScalarStyle.SingleQuoted);

    public bool Bool(YamlNode node, string field)
    {
        var s = String(node, field).ToLowerInvariant();
        return s switch
        {
            "true" or "yes" or "on" => true,
            "false" or "no" or "off" => false,
            _ => throw Error(node, field, $"'{s}' is not true or false"),
        };
    }

    /// <summary>A list of integers: <c>[1, 2, 3]</c> or <c>1,2,3</c>.</summary>
    public int[] IntList(YamlNode node, string field)
    {
        if (node is YamlScalarNode scalar)
        {
            return (scalar.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Error(node, field, $"'{p}' is not an integer")).ToArray();
        }
        if (node is not YamlSequenceNode seq) throw Error(node, field, "expected a list of integers");
        return seq.Children.Select((c, i) => Int(c, $"{field}[{i}]", int.MinValue, int.MaxValue)).ToArray();
    }

    public double[] DoubleList(YamlNode node, string field, double min, double max)
    {
        if (node is not YamlSequenceNode seq) throw Error(node, field, "expected a list of numbers, one per stage");
        return seq.Children.Select((c, i) => Double(c, $"{field}[{i}]", min, max)).ToArray();
    }

    /// <summary>A non-empty list of nodes; a single scalar counts as a one-value list (a sweep axis).</summary>
    public YamlNode[] List(YamlNode node, string field)
    {
        if (node is YamlSequenceNode seq)
        {
            if (seq.Children.Count == 0) throw Error(node, field, "an axis needs at least one value");
            return seq.Children.ToArray();
        }
        if (node is YamlScalarNode) return [node];
        throw Error(node, field, "expected a list of values");
    }

    /// <summary>Throws when a value is listed twice.</summary>
    public void Distinct(YamlNode node, string field, IEnumerable<string> values)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var v in values)
        {
            if (!seen.Add(v)) throw Error(node, field, $"'{v}' is listed twice");
        }
    }
}
