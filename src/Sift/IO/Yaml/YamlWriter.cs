using System.Globalization;
using System.Text;

namespace Sift.IO.Yaml;

/// <summary>
/// Writes block-style YAML for <see cref="YamlTable{T}"/>: <c>key: value</c> lines, nested sections
/// indented by two spaces, lists of mappings as <c>- </c> items. Strings are double-quoted; numbers are
/// written so that they read back exactly.
/// </summary>
public sealed class YamlWriter
{
    private readonly List<string> lines = [];

    public bool IsEmpty => lines.Count == 0;

    /// <summary>A <c>key: text</c> line (<paramref name="text"/> is written as given).</summary>
    public void Value(string key, string text) => lines.Add(key + ": " + text);

    /// <summary>A comment line.</summary>
    public void Comment(string text) => lines.Add("# " + text.ReplaceLineEndings(" "));

    /// <summary>A nested mapping (<c>key: {}</c> when <paramref name="body"/> writes nothing).</summary>
    public void Section(string key, Action<YamlWriter> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var inner = new YamlWriter();
        body(inner);
        if (inner.IsEmpty)
        {
            Value(key, "{}");
            return;
        }
        lines.Add(key + ":");
        lines.AddRange(inner.lines.Select(l => "  " + l));
    }

    /// <summary>A list of mappings, one <paramref name="item"/> call per element (<c>key: []</c> when empty).</summary>
    public void Items<TItem>(string key, IEnumerable<TItem> items, Action<YamlWriter, TItem> item)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(item);
        var all = items.ToList();
        if (all.Count == 0)
        {
            Value(key, "[]");
            return;
        }
        lines.Add(key + ":");
        foreach (var x in all)
        {
            var inner = new YamlWriter();
            item(inner, x);
            if (inner.IsEmpty)
            {
                lines.Add("  - {}");
                continue;
            }
            lines.Add("  - " + inner.lines[0]);
            lines.AddRange(inner.lines.Skip(1).Select(l => "    " + l));
        }
    }

    /// <summary>A flow list of scalars written as given: <c>key: [a, b]</c>.</summary>
    public void List(string key, IEnumerable<string> texts) => Value(key, "[" + string.Join(", ", texts) + "]");

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var l in lines) sb.Append(l).Append('\n');
        return sb.ToString();
    }

    public static string Quote(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var sb = new StringBuilder("\"");
        foreach (var c in s)
        {
            sb.Append(c switch
            {
                '\\' => "\\\\",
                '"' => "\\\"",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ => c.ToString(),
            });
        }
        return sb.Append('"').ToString();
    }

    public static string Number(int v) => v.ToString(CultureInfo.InvariantCulture);

    public static string Number(long v) => v.ToString(CultureInfo.InvariantCulture);

    /// <summary>The shortest text that reads back to exactly <paramref name="v"/>.</summary>
    public static string Number(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Text that reads back (as a double, then narrowed) to exactly <paramref name="v"/>.</summary>
    public static string Number(float v)
    {
        var s = v.ToString("R", CultureInfo.InvariantCulture);
        return (float)double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) == v ? s : Number((double)v);
    }

    public static string Bool(bool v) => v ? "true" : "false";
}
