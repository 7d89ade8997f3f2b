using System.Globalization;
using Sift.IO.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sift.Methods.Dmt;

/// <summary>The YAML fields of a <see cref="MixtureSource"/> (an item of a mix config's <c>sources</c>), and the list field itself.</summary>
public static class MixtureSourceYaml
{
    /// <summary>The key under which a mix config's reader shares the ability names a source may have (none shared: any name).</summary>
    public const string AbilitiesKey = "dmt.abilities";

    public static YamlTable<MixtureSource> Table { get; } = new YamlTable<MixtureSource>()
        .String("name", s => s.Name, (s, v) => s with { Name = v })
        .OptionalInt("amount", s => s.Amount, (s, v) => s with { Amount = v }, 0, int.MaxValue)
        .OptionalDouble("ratio", s => s.Ratio, (s, v) => s with { Ratio = v }, double.Epsilon, 1)
        .Int("train", s => s.Train, (s, v) => s with { Train = v }, 1, 10_000_000)
        .Int("test", s => s.Test, (s, v) => s with { Test = v }, 0, 10_000_000)
        .Validate((scope, node, prefix, s) =>
        {
            var r = scope.Reader;
            if (s.Name.Length == 0) throw r.Error(node, prefix + "name", "every source needs a name");
            if (scope.Find<IReadOnlyCollection<string>>(AbilitiesKey) is { } known && !known.Contains(s.Name)) throw r.Error(node, prefix + "name", $"unknown ability '{s.Name}'; known: {string.Join(", ", known)}");
            if (s.Amount is not null && s.Ratio is not null) throw r.Error(node, prefix + "amount", "give an amount or a ratio, not both");
            if (s.Amount > s.Train) throw r.Error(node, prefix + "amount", $"{s.Amount} is more than the source's {s.Train} training problems");
            return s;
        });

    /// <summary>Reads a list of sources (<c>- {name: math, train: 1500}</c>); a name listed twice is an error.</summary>
    public static List<MixtureSource> ReadList(YamlScope scope, YamlNode node, string field)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (node is not YamlSequenceNode seq) throw scope.Reader.Error(node, field, "expected a list of sources (- name: math ...)");
        var list = new List<MixtureSource>();
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var item = seq.Children[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}].");
            var source = Table.Read(scope, item, prefix, new MixtureSource(""));
            if (list.Any(s => s.Name == source.Name)) throw scope.Reader.Error(item, prefix + "name", $"source '{source.Name}' is listed twice");
            list.Add(source);
        }
        return list;
    }

    public static void WriteList(YamlWriter writer, string key, IEnumerable<MixtureSource> sources)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Items(key, sources, (w, s) => Table.Write(w, s, null));
    }
}
