using System.Globalization;
using System.Text;

namespace Sift.Text.Chat;

/// <summary>
/// Jinja2's built-in filters that chat templates use, with transformers' <c>tojson</c> in place of
/// Jinja's. An unknown filter is an error, never a pass-through.
/// </summary>
internal static class JinjaFilters
{
    private static readonly HashSet<string> Known =
    [
        "abs", "capitalize", "count", "d", "default", "dictsort", "first", "float", "indent", "int", "items", "join", "last", "length",
        "list", "lower", "map", "reject", "rejectattr", "replace", "reverse", "safe", "select", "selectattr", "sort", "string", "title",
        "tojson", "trim", "unique", "upper", "wordcount", "max", "min", "sum",
    ];

    public static bool IsKnown(string name) => Known.Contains(name);

    public static JinjaValue Apply(string name, JinjaValue v, JinjaArguments a)
    {
        switch (name)
        {
            case "abs":
                a.None();
                return v.Kind switch
                {
                    JinjaKind.Integer or JinjaKind.Boolean => JinjaValue.From(checked(Math.Abs(v.AsInteger))),
                    JinjaKind.Float => JinjaValue.From(Math.Abs(v.AsDouble)),
                    _ => throw new JinjaRuntimeException($"bad operand type for abs(): '{v.TypeName}'"),
                };
            case "capitalize": a.None(); return JinjaValue.From(PythonText.Capitalize(PythonText.Str(v)));
            case "lower": a.None(); return JinjaValue.From(PythonText.Str(v).ToLowerInvariant());
            case "upper": a.None(); return JinjaValue.From(PythonText.Str(v).ToUpperInvariant());
            case "title": a.None(); return JinjaValue.From(Title(PythonText.Str(v)));
            case "count" or "length": a.None(); return JinjaValue.From(JinjaOperations.Length(v));
            case "d" or "default":
                {
                    var p = a.Bind("default_value", "boolean");
                    var fallback = p[0].IsUndefined ? JinjaValue.EmptyString : p[0];
                    return v.IsUndefined || (p[1].IsTruthy && !v.IsTruthy) ? fallback : v;
                }
            case "first": a.None(); return JinjaOperations.Iterate(v) is { Count: > 0 } f ? f[0] : JinjaValue.UndefinedNamed("No first item, sequence was empty.");
            case "last": a.None(); return JinjaOperations.Iterate(v) is { Count: > 0 } l ? l[^1] : JinjaValue.UndefinedNamed("No last item, sequence was empty.");
            case "list": a.None(); return JinjaValue.List(JinjaOperations.Iterate(v));
            case "items":
                a.None();
                if (v.IsUndefined) return JinjaValue.List([]);
                if (v.Kind != JinjaKind.Dict) throw new JinjaRuntimeException($"can only get item pairs from a mapping, not {v.TypeName}");
                return JinjaValue.List(v.AsDict.Entries.Select(e => JinjaValue.Tuple([JinjaValue.From(e.Key), e.Value])));
            case "dictsort": return DictSort(v, a);
            case "float":
                {
                    var p = a.Bind("default");
                    return ToFloat(v) is { } d ? JinjaValue.From(d) : p[0].IsUndefined ? JinjaValue.From(0.0) : p[0];
                }
            case "int":
                {
                    var p = a.Bind("default", "base");
                    if (!p[1].IsUndefined && !(p[1].Kind == JinjaKind.Integer && p[1].AsInteger == 10)) throw new JinjaRuntimeException("int filter: only base 10 is supported");
                    return ToInt(v) is { } i ? JinjaValue.From(i) : p[0].IsUndefined ? JinjaValue.From(0L) : p[0];
                }
            case "indent": return Indent(v, a);
            case "join":
                {
                    var p = a.Bind("d", "attribute");
                    var sep = p[0].IsUndefined ? "" : PythonText.Str(p[0]);
                    var items = JinjaOperations.Iterate(v);
                    if (!p[1].IsUndefined) items = items.Select(x => Attribute(x, p[1])).ToArray();
                    return JinjaValue.From(string.Join(sep, items.Select(PythonText.Str)));
                }
            case "map": return Map(v, a);
            case "select" or "reject": return Select(v, a, name == "select");
            case "selectattr" or "rejectattr": return SelectAttr(v, a, name == "selectattr");
            case "replace":
                {
                    var p = a.Bind("old", "new", "count");
                    var count = p[2].Kind is JinjaKind.Integer ? p[2].AsInteger : -1;
                    return JinjaValue.From(JinjaMethods.Replace(PythonText.Str(v), PythonText.Str(p[0]), PythonText.Str(p[1]), count));
                }
            case "reverse":
                a.None();
                if (v.Kind == JinjaKind.String) return JinjaValue.From(string.Concat(PythonText.CodePoints(v.AsString).Reverse()));
                return JinjaValue.List(JinjaOperations.Iterate(v).Reverse());
            case "safe": a.None(); return v;
            case "string": a.None(); return JinjaValue.From(PythonText.Str(v));
            case "sort": return Sort(v, a);
            case "unique": return Unique(v, a);
            case "tojson": return ToJson(v, a);
            case "trim":
                {
                    var p = a.Bind("chars");
                    return JinjaValue.From(PythonText.Strip(PythonText.Str(v), p[0].IsUndefined || p[0].IsNone ? null : PythonText.Str(p[0]), true, true));
                }
            case "wordcount": a.None(); return JinjaValue.From((long)PythonText.Split(PythonText.Str(v), null, -1).Count);
            case "max" or "min":
                {
                    var p = a.Bind("case_sensitive", "attribute");
                    var items = JinjaOperations.Iterate(v);
                    if (items.Count == 0) return JinjaValue.UndefinedNamed($"No aggregated item, sequence was empty.");
                    var key = KeyFunction(p[1], p[0].IsTruthy);
                    var best = items[0];
                    foreach (var x in items.Skip(1))
                    {
                        var c = JinjaOperations.Order("<", key(x), key(best));
                        if (name == "max" ? c > 0 : c < 0) best = x;
                    }
                    return best;
                }
            case "sum":
                {
                    var p = a.Bind("attribute", "start");
                    var total = p[1].IsUndefined ? JinjaValue.From(0L) : p[1];
                    foreach (var x in JinjaOperations.Iterate(v)) total = JinjaOperations.Binary("+", total, p[0].IsUndefined ? x : Attribute(x, p[0]));
                    return total;
                }
            default:
                throw new JinjaRuntimeException($"unsupported filter '{name}'");
        }
    }

    /// <summary>Jinja's title filter: upper-case the first letter of each word (words start after - whitespace ( { [ &lt;).</summary>
    private static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var atStart = true;
        foreach (var c in s)
        {
            var boundary = c is '-' or '(' or '{' or '[' or '<' || PythonText.IsSpace(c);
            sb.Append(boundary ? c : atStart ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            atStart = boundary;
        }
        return sb.ToString();
    }

    private static double? ToFloat(JinjaValue v) => v.Kind switch
    {
        JinjaKind.Integer or JinjaKind.Boolean or JinjaKind.Float => v.AsDouble,
        JinjaKind.String when double.TryParse(v.AsString.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };

    private static long? ToInt(JinjaValue v) => v.Kind switch
    {
        JinjaKind.Integer or JinjaKind.Boolean => v.AsInteger,
        JinjaKind.Float when !double.IsNaN(v.AsDouble) && !double.IsInfinity(v.AsDouble) => (long)Math.Truncate(v.AsDouble),
        JinjaKind.String when long.TryParse(v.AsString.Trim().Replace("_", "", StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) => i,
        JinjaKind.String when double.TryParse(v.AsString.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && !double.IsInfinity(d) && !double.IsNaN(d) => (long)Math.Truncate(d),
        _ => null,
    };

    /// <summary>Jinja's attribute path (<c>"a.b"</c>, <c>"items.0"</c>) looked up item-first.</summary>
    public static JinjaValue Attribute(JinjaValue item, JinjaValue path)
    {
        var parts = path.Kind == JinjaKind.String ? path.AsString.Split('.') : [PythonText.Str(path)];
        if (path.Kind is JinjaKind.Integer) return JinjaOperations.GetItem(item, path);
        foreach (var part in parts)
        {
            var key = long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? JinjaValue.From(i) : JinjaValue.From(part);
            item = JinjaOperations.GetItem(item, key);
        }
        return item;
    }

    private static Func<JinjaValue, JinjaValue> KeyFunction(JinjaValue attribute, bool caseSensitive) => x =>
    {
        var k = attribute.IsUndefined || attribute.IsNone ? x : Attribute(x, attribute);
        return !caseSensitive && k.Kind == JinjaKind.String ? JinjaValue.From(k.AsString.ToLowerInvariant()) : k;
    };

    private static JinjaValue Sort(JinjaValue v, JinjaArguments a)
    {
        var p = a.Bind("reverse", "case_sensitive", "attribute");
        var key = KeyFunction(p[2], p[1].IsTruthy);
        var items = JinjaOperations.Iterate(v).ToList();
        var sorted = StableSort(items, key, p[0].IsTruthy);
        return JinjaValue.List(sorted);
    }

    private static List<JinjaValue> StableSort(List<JinjaValue> items, Func<JinjaValue, JinjaValue> key, bool reverse)
    {
        var keyed = items.Select((x, i) => (Item: x, Key: key(x), Index: i)).ToList();
        keyed.Sort((x, y) =>
        {
            var c = JinjaOperations.Order("<", x.Key, y.Key);
            if (reverse) c = -c;
            return c != 0 ? c : x.Index.CompareTo(y.Index);
        });
        return keyed.Select(k => k.Item).ToList();
    }

    private static JinjaValue DictSort(JinjaValue v, JinjaArguments a)
    {
        var p = a.Bind("case_sensitive", "by", "reverse");
        if (v.Kind != JinjaKind.Dict) throw new JinjaRuntimeException($"dictsort needs a mapping, not {v.TypeName}");
        var by = p[1].IsUndefined ? "key" : PythonText.Str(p[1]);
        if (by is not ("key" or "value")) throw new JinjaRuntimeException("You can only sort by either 'key' or 'value'");
        var pairs = v.AsDict.Entries.Select(e => JinjaValue.Tuple([JinjaValue.From(e.Key), e.Value])).ToList();
        var index = by == "key" ? 0 : 1;
        var caseSensitive = p[0].IsTruthy;
        var sorted = StableSort(pairs, x =>
        {
            var k = x.AsList[index];
            return !caseSensitive && k.Kind == JinjaKind.String ? JinjaValue.From(k.AsString.ToLowerInvariant()) : k;
        }, p[2].IsTruthy);
        return JinjaValue.List(sorted);
    }

    private static JinjaValue Unique(JinjaValue v, JinjaArguments a)
    {
        var p = a.Bind("case_sensitive", "attribute");
        var key = KeyFunction(p[1], p[0].IsTruthy);
        var seen = new List<JinjaValue>();
        var result = new List<JinjaValue>();
        foreach (var x in JinjaOperations.Iterate(v))
        {
            var k = key(x);
            if (seen.Any(s => s.PythonEquals(k))) continue;
            seen.Add(k);
            result.Add(x);
        }
        return JinjaValue.List(result);
    }

    /// <summary>What select, reject and map iterate: nothing for a falsy value (Jinja's <c>if value:</c>), else its items.</summary>
    private static IReadOnlyList<JinjaValue> Sequence(JinjaValue v) => v.IsTruthy ? JinjaOperations.Iterate(v) : [];

    private static JinjaValue Map(JinjaValue v, JinjaArguments a)
    {
        var items = Sequence(v);
        if (a.Keywords.TryGetValue("attribute", out var attribute))
        {
            if (a.Positional.Count > 0) throw new JinjaRuntimeException("map() with attribute= takes no positional arguments");
            var deflt = a.Keywords.TryGetValue("default", out var d) ? d : null;
            foreach (var (k, _) in a.Keywords.Entries)
                if (k is not ("attribute" or "default")) throw new JinjaRuntimeException($"map() got an unexpected keyword argument '{k}'");
            return JinjaValue.List(items.Select(x =>
            {
                var r = Attribute(x, attribute);
                return r.IsUndefined && deflt is not null ? deflt : r;
            }));
        }
        if (a.Positional.Count == 0) throw new JinjaRuntimeException("map requires a filter argument");
        var filter = PythonText.Str(a.Positional[0]);
        if (!IsKnown(filter)) throw new JinjaRuntimeException($"unsupported filter '{filter}'");
        var rest = new JinjaArguments(filter, a.Positional.Skip(1).ToArray(), a.Keywords);
        return JinjaValue.List(items.Select(x => Apply(filter, x, rest)));
    }

    private static JinjaValue Select(JinjaValue v, JinjaArguments a, bool keep)
    {
        var items = Sequence(v);
        if (a.Positional.Count == 0) return JinjaValue.List(items.Where(x => x.IsTruthy == keep));
        var test = PythonText.Str(a.Positional[0]);
        if (!JinjaPredicates.IsKnown(test)) throw new JinjaRuntimeException($"unsupported test '{test}'");
        var rest = new JinjaArguments(test, a.Positional.Skip(1).ToArray(), a.Keywords);
        return JinjaValue.List(items.Where(x => JinjaPredicates.Apply(test, x, rest) == keep));
    }

    private static JinjaValue SelectAttr(JinjaValue v, JinjaArguments a, bool keep)
    {
        if (a.Positional.Count == 0) throw new JinjaRuntimeException("selectattr/rejectattr need an attribute name");
        var attribute = a.Positional[0];
        var items = Sequence(v);
        if (a.Positional.Count == 1) return JinjaValue.List(items.Where(x => Attribute(x, attribute).IsTruthy == keep));
        var test = PythonText.Str(a.Positional[1]);
        if (!JinjaPredicates.IsKnown(test)) throw new JinjaRuntimeException($"unsupported test '{test}'");
        var rest = new JinjaArguments(test, a.Positional.Skip(2).ToArray(), a.Keywords);
        return JinjaValue.List(items.Where(x => JinjaPredicates.Apply(test, Attribute(x, attribute), rest) == keep));
    }

    private static JinjaValue Indent(JinjaValue v, JinjaArguments a)
    {
        var p = a.Bind("width", "first", "blank");
        var indention = p[0].Kind == JinjaKind.String ? p[0].AsString : new string(' ', p[0].IsUndefined ? 4 : (int)p[0].AsInteger);
        // Jinja runs `s += "\n"` on the value itself: only a string works (a list would be extended in place).
        if (v.Kind != JinjaKind.String) throw new JinjaRuntimeException($"indent needs a string, not {v.TypeName}");
        var s = v.AsString + "\n";
        var lines = s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').ToList();
        lines.RemoveAt(lines.Count - 1);
        string rv;
        if (p[2].IsTruthy) rv = string.Join("\n" + indention, lines);
        else
        {
            rv = lines[0];
            if (lines.Count > 1) rv += "\n" + string.Join("\n", lines.Skip(1).Select(l => l.Length > 0 ? indention + l : l));
        }
        return JinjaValue.From(p[1].IsTruthy ? indention + rv : rv);
    }

    /// <summary>transformers' tojson: <c>json.dumps(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False)</c>.</summary>
    private static JinjaValue ToJson(JinjaValue v, JinjaArguments a)
    {
        var p = a.Bind("ensure_ascii", "indent", "separators", "sort_keys");
        string? indent = p[1].Kind switch
        {
            JinjaKind.Undefined or JinjaKind.None => null,
            JinjaKind.Integer => new string(' ', (int)Math.Max(0, p[1].AsInteger)),
            JinjaKind.String => p[1].AsString,
            _ => throw new JinjaRuntimeException($"tojson indent must be an int or str, not {p[1].TypeName}"),
        };
        string? itemSep = null, keySep = null;
        if (p[2].Kind == JinjaKind.List && p[2].AsList.Count == 2 && p[2].AsList.All(x => x.Kind == JinjaKind.String))
            (itemSep, keySep) = (p[2].AsList[0].AsString, p[2].AsList[1].AsString);
        else if (!(p[2].IsUndefined || p[2].IsNone)) throw new JinjaRuntimeException("tojson separators must be a pair of strings");
        return JinjaValue.From(JinjaJson.Dumps(v, indent, itemSep, keySep, p[3].IsTruthy, p[0].IsTruthy));
    }
}
