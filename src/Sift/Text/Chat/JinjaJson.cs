using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sift.Text.Chat;

/// <summary>
/// JSON in and out of templates. Out: transformers' <c>tojson</c> filter, which is Python's
/// <c>json.dumps(x, ensure_ascii=False, indent=..., separators=..., sort_keys=...)</c> (not Jinja's
/// HTML-escaping one), byte for byte: <c>", "</c>/<c>": "</c> separators, <c>","</c> when indenting,
/// float repr. In: JSON values (messages, tools) as template values, integers kept as integers.
/// </summary>
public static class JinjaJson
{
    /// <summary>A parsed JSON value as a template value (objects keep their key order).</summary>
    public static JinjaValue FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Null => JinjaValue.None,
        JsonValueKind.True => JinjaValue.True,
        JsonValueKind.False => JinjaValue.False,
        JsonValueKind.String => JinjaValue.From(e.GetString()!),
        JsonValueKind.Number => e.TryGetInt64(out var i) && !e.GetRawText().AsSpan().ContainsAny(".eE") ? JinjaValue.From(i) : JinjaValue.From(e.GetDouble()),
        JsonValueKind.Array => JinjaValue.List(e.EnumerateArray().Select(FromJson)),
        JsonValueKind.Object => JinjaValue.Dict(e.EnumerateObject().Select(p => new KeyValuePair<string, JinjaValue>(p.Name, FromJson(p.Value)))),
        _ => throw new ArgumentException($"unsupported JSON value kind {e.ValueKind}", nameof(e)),
    };

    /// <summary>A JSON text as a template value.</summary>
    public static JinjaValue Parse(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return FromJson(doc.RootElement);
    }

    /// <summary>Python's <c>json.dumps</c> with the given options (<paramref name="indent"/> null: one line).</summary>
    public static string Dumps(JinjaValue value, string? indent = null, string? itemSeparator = null, string? keySeparator = null, bool sortKeys = false, bool ensureAscii = false)
    {
        var sb = new StringBuilder();
        Write(sb, value, indent, itemSeparator ?? (indent is null ? ", " : ","), keySeparator ?? ": ", sortKeys, ensureAscii, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JinjaValue v, string? indent, string itemSep, string keySep, bool sortKeys, bool ascii, int depth)
    {
        switch (v.Kind)
        {
            case JinjaKind.None: sb.Append("null"); return;
            case JinjaKind.Boolean: sb.Append(v.AsBoolean ? "true" : "false"); return;
            case JinjaKind.Integer: sb.Append(v.AsInteger.ToString(CultureInfo.InvariantCulture)); return;
            case JinjaKind.Float:
                var d = v.AsDouble;
                sb.Append(double.IsNaN(d) ? "NaN" : double.IsPositiveInfinity(d) ? "Infinity" : double.IsNegativeInfinity(d) ? "-Infinity" : PythonText.FloatRepr(d));
                return;
            case JinjaKind.String: WriteString(sb, v.AsString, ascii); return;
            case JinjaKind.List:
                if (v.AsList.Count == 0) { sb.Append("[]"); return; }
                sb.Append('[');
                for (var i = 0; i < v.AsList.Count; i++)
                {
                    if (i > 0) sb.Append(itemSep);
                    NewLine(sb, indent, depth + 1);
                    Write(sb, v.AsList[i], indent, itemSep, keySep, sortKeys, ascii, depth + 1);
                }
                NewLine(sb, indent, depth);
                sb.Append(']');
                return;
            case JinjaKind.Dict:
                if (v.AsDict.Count == 0) { sb.Append("{}"); return; }
                IEnumerable<KeyValuePair<string, JinjaValue>> entries = v.AsDict.Entries;
                if (sortKeys) entries = entries.Order(Comparer<KeyValuePair<string, JinjaValue>>.Create((a, b) => JinjaOperations.CompareCodePoints(a.Key, b.Key)));
                sb.Append('{');
                var first = true;
                foreach (var (k, item) in entries)
                {
                    if (!first) sb.Append(itemSep);
                    first = false;
                    NewLine(sb, indent, depth + 1);
                    WriteString(sb, k, ascii);
                    sb.Append(keySep);
                    Write(sb, item, indent, itemSep, keySep, sortKeys, ascii, depth + 1);
                }
                NewLine(sb, indent, depth);
                sb.Append('}');
                return;
            default:
                throw new JinjaRuntimeException($"Object of type {v.TypeName} is not JSON serializable");
        }
    }

    private static void NewLine(StringBuilder sb, string? indent, int depth)
    {
        if (indent is null) return;
        sb.Append('\n');
        for (var i = 0; i < depth; i++) sb.Append(indent);
    }

    private static void WriteString(StringBuilder sb, string s, bool ascii)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ascii && c > 0x7e)) sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
