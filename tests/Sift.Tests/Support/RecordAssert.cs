using System.Collections;
using System.Reflection;
using YamlDotNet.RepresentationModel;

namespace Sift.Tests.Support;

/// <summary>Deep equality of option records (lists compared element by element), and a check that a record sets every YAML field to a non-default value.</summary>
public static class RecordAssert
{
    public static void Equal(object? expected, object? actual, string path = "")
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{path}: {expected ?? "null"} != {actual ?? "null"}");
            return;
        }
        var type = expected.GetType();
        if (expected is IEnumerable e && expected is not string)
        {
            var a = e.Cast<object?>().ToList();
            var b = Assert.IsAssignableFrom<IEnumerable>(actual).Cast<object?>().ToList();
            Assert.True(a.Count == b.Count, $"{path}: {a.Count} items != {b.Count}");
            for (int i = 0; i < a.Count; i++) Equal(a[i], b[i], $"{path}[{i}]");
            return;
        }
        Assert.True(type == actual.GetType(), $"{path}: {type.Name} != {actual.GetType().Name}");
        if (type.IsPrimitive || type.IsEnum || expected is string or decimal)
        {
            Assert.True(expected.Equals(actual), $"{path}: {expected} != {actual}");
            return;
        }
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            Equal(p.GetValue(expected), p.GetValue(actual), path + "." + p.Name);
        }
    }

    /// <summary>Every leaf field written for <paramref name="defaults"/> is written, with another value, for <paramref name="changed"/>.</summary>
    public static void EveryFieldDiffers(string defaultsYaml, string changedYaml)
    {
        var d = Flatten(defaultsYaml);
        var c = Flatten(changedYaml);
        var same = d.Where(kv => c.TryGetValue(kv.Key, out var v) && v == kv.Value).Select(kv => kv.Key + " = " + kv.Value).ToList();
        Assert.True(same.Count == 0, "fields left at their default: " + string.Join("; ", same));
        var missing = d.Keys.Where(k => !c.ContainsKey(k) && !c.Keys.Any(x => x.StartsWith(k + ".", StringComparison.Ordinal)) && !k.Contains('[', StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "fields not written: " + string.Join("; ", missing));
    }

    private static Dictionary<string, string> Flatten(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        void Walk(YamlNode node, string path)
        {
            switch (node)
            {
                case YamlMappingNode m:
                    foreach (var (k, v) in m.Children) Walk(v, path.Length == 0 ? ((YamlScalarNode)k).Value! : path + "." + ((YamlScalarNode)k).Value);
                    break;
                case YamlSequenceNode s when s.Children.All(x => x is YamlScalarNode):
                    result[path] = "[" + string.Join(",", s.Children.Select(x => ((YamlScalarNode)x).Value)) + "]";
                    break;
                case YamlSequenceNode s:
                    for (int i = 0; i < s.Children.Count; i++) Walk(s.Children[i], $"{path}[{i}]");
                    break;
                case YamlScalarNode x:
                    result[path] = x.Value ?? "";
                    break;
            }
        }
        if (stream.Documents.Count > 0) Walk(stream.Documents[0].RootNode, "");
        return result;
    }
}
