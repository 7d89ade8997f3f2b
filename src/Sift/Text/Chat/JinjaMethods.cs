namespace Sift.Text.Chat;

/// <summary>
/// The Python methods templates call on values (<c>content.startswith('x')</c>, <c>message.get('k')</c>,
/// <c>d.items()</c>), bound to their receiver. Only the methods that transformers' immutable sandbox
/// allows and templates use are here; mutating ones are refused when called.
/// </summary>
internal static class JinjaMethods
{
    private static readonly HashSet<string> MutatingDictMethods = ["pop", "popitem", "setdefault", "update", "clear"];
    private static readonly HashSet<string> MutatingListMethods = ["append", "extend", "insert", "pop", "remove", "reverse", "sort", "clear"];

    /// <summary>The method <paramref name="name"/> of <paramref name="receiver"/>, if Python has one.</summary>
    public static bool TryBind(JinjaValue receiver, string name, out JinjaValue method)
    {
        JinjaFunction? f = receiver.Kind switch
        {
            JinjaKind.String => StringMethod(receiver.AsString, name),
            JinjaKind.Dict => DictMethod(receiver, name),
            JinjaKind.List => ListMethod(receiver, name),
            _ => null,
        };
        method = f is null ? JinjaValue.Undefined : JinjaValue.Function(f);
        return f is not null;
    }

    private static string? OptionalString(JinjaValue v, string what) => v.Kind switch
    {
        JinjaKind.Undefined or JinjaKind.None => null,
        JinjaKind.String => v.AsString,
        _ => throw new JinjaRuntimeException($"{what} arg must be None or str, not {v.TypeName}"),
    };

    private static string RequiredString(JinjaValue v, string what) => v.Kind == JinjaKind.String
        ? v.AsString
        : throw new JinjaRuntimeException($"{what} must be str, not {v.TypeName}");

    private static long OptionalInteger(JinjaValue v, long deflt, string what) => v.Kind switch
    {
        JinjaKind.Undefined => deflt,
        JinjaKind.Integer or JinjaKind.Boolean => v.AsInteger,
        _ => throw new JinjaRuntimeException($"{what} must be an integer, not {v.TypeName}"),
    };

    private static JinjaValue Strings(IEnumerable<string> parts) => JinjaValue.List(parts.Select(JinjaValue.From));

    private static JinjaFunction? StringMethod(string s, string name) => name switch
    {
        "startswith" => a => Affix(s, a, start: true),
        "endswith" => a => Affix(s, a, start: false),
        "strip" => a => JinjaValue.From(PythonText.Strip(s, OptionalString(a.Bind("chars")[0], "strip"), true, true)),
        "lstrip" => a => JinjaValue.From(PythonText.Strip(s, OptionalString(a.Bind("chars")[0], "lstrip"), true, false)),
        "rstrip" => a => JinjaValue.From(PythonText.Strip(s, OptionalString(a.Bind("chars")[0], "rstrip"), false, true)),
        "split" => a =>
        {
            var p = a.Bind("sep", "maxsplit");
            return Strings(PythonText.Split(s, OptionalString(p[0], "split"), OptionalInteger(p[1], -1, "maxsplit")));
        },
        "rsplit" => a =>
        {
            var p = a.Bind("sep", "maxsplit");
            return Strings(PythonText.RSplit(s, OptionalString(p[0], "rsplit"), OptionalInteger(p[1], -1, "maxsplit")));
        },
        "splitlines" => a =>
        {
            a.Bind("keepends");
            var lines = s.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n').ToList();
            if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            return Strings(lines);
        },
        "upper" => a => { a.None(); return JinjaValue.From(s.ToUpperInvariant()); },
        "lower" => a => { a.None(); return JinjaValue.From(s.ToLowerInvariant()); },
        "title" => a => { a.None(); return JinjaValue.From(PythonText.Title(s)); },
        "capitalize" => a => { a.None(); return JinjaValue.From(PythonText.Capitalize(s)); },
        "replace" => a =>
        {
            var p = a.Bind("old", "new", "count");
            return JinjaValue.From(Replace(s, RequiredString(p[0], "replace() argument 1"), RequiredString(p[1], "replace() argument 2"), OptionalInteger(p[2], -1, "count")));
        },
        "find" => a => JinjaValue.From((long)s.IndexOf(RequiredString(a.Bind("sub")[0], "find() argument"), StringComparison.Ordinal)),
        "rfind" => a => JinjaValue.From((long)s.LastIndexOf(RequiredString(a.Bind("sub")[0], "rfind() argument"), StringComparison.Ordinal)),
        "count" => a =>
        {
            var sub = RequiredString(a.Bind("sub")[0], "count() argument");
            if (sub.Length == 0) return JinjaValue.From((long)PythonText.Length(s) + 1);
            long n = 0;
            for (var i = s.IndexOf(sub, StringComparison.Ordinal); i >= 0; i = s.IndexOf(sub, i + sub.Length, StringComparison.Ordinal)) n++;
            return JinjaValue.From(n);
        },
        "join" => a => JinjaValue.From(string.Join(s, JinjaOperations.Iterate(a.Bind("iterable")[0]).Select(v =>
            v.Kind == JinjaKind.String ? v.AsString : throw new JinjaRuntimeException($"sequence item: expected str instance, {v.TypeName} found")))),
        "removeprefix" => a => { var p = RequiredString(a.Bind("prefix")[0], "removeprefix() argument"); return JinjaValue.From(s.StartsWith(p, StringComparison.Ordinal) ? s[p.Length..] : s); },
        "removesuffix" => a => { var p = RequiredString(a.Bind("suffix")[0], "removesuffix() argument"); return JinjaValue.From(p.Length > 0 && s.EndsWith(p, StringComparison.Ordinal) ? s[..^p.Length] : s); },
        "isdigit" => a => { a.None(); return JinjaValue.From(s.Length > 0 && s.All(char.IsDigit)); },
        "isalpha" => a => { a.None(); return JinjaValue.From(s.Length > 0 && s.All(char.IsLetter)); },
        "isalnum" => a => { a.None(); return JinjaValue.From(s.Length > 0 && s.All(char.IsLetterOrDigit)); },
        "isspace" => a => { a.None(); return JinjaValue.From(s.Length > 0 && s.All(PythonText.IsSpace)); },
        "islower" => a => { a.None(); return JinjaValue.From(s.Any(char.IsLetter) && string.Equals(s.ToLowerInvariant(), s, StringComparison.Ordinal)); },
        "isupper" => a => { a.None(); return JinjaValue.From(s.Any(char.IsLetter) && string.Equals(s.ToUpperInvariant(), s, StringComparison.Ordinal)); },
        "format" or "format_map" => _ => throw new JinjaRuntimeException($"str.{name}() is not supported"),
        _ => null,
    };

    private static JinjaValue Affix(string s, JinjaArguments a, bool start)
    {
        var p = a.Bind(start ? "prefix" : "suffix", "start", "end");
        var codePoints = PythonText.CodePoints(s);
        var from = OptionalInteger(p[1], 0, "start");
        var to = OptionalInteger(p[2], codePoints.Length, "end");
        if (from < 0) from = Math.Max(0, from + codePoints.Length);
        if (to < 0) to = Math.Max(0, to + codePoints.Length);
        from = Math.Min(from, codePoints.Length);
        to = Math.Min(to, codePoints.Length);
        var window = from > to ? null : string.Concat(codePoints[(int)from..(int)to]);
        IEnumerable<JinjaValue> candidates = p[0].Kind == JinjaKind.List && p[0].IsTuple ? p[0].AsList : [p[0]];
        foreach (var c in candidates)
        {
            var affix = c.Kind == JinjaKind.String ? c.AsString
                : throw new JinjaRuntimeException($"{(start ? "startswith" : "endswith")} first arg must be str or a tuple of str, not {c.TypeName}");
            if (window is not null && (start ? window.StartsWith(affix, StringComparison.Ordinal) : window.EndsWith(affix, StringComparison.Ordinal)))
                return JinjaValue.True;
        }
        return JinjaValue.False;
    }

    /// <summary>Python's <c>str.replace(old, new, count)</c> (an empty <paramref name="old"/> inserts between code points).</summary>
    public static string Replace(string s, string old, string replacement, long count)
    {
        if (count < 0) count = long.MaxValue;
        if (old.Length == 0)
        {
            var cps = PythonText.CodePoints(s);
            var sb = new System.Text.StringBuilder();
            long done = 0;
            for (var i = 0; i <= cps.Length; i++)
            {
                if (done < count) { sb.Append(replacement); done++; }
                if (i < cps.Length) sb.Append(cps[i]);
            }
            return sb.ToString();
        }
        var result = new System.Text.StringBuilder();
        var at = 0;
        long n = 0;
        while (n < count)
        {
            var k = s.IndexOf(old, at, StringComparison.Ordinal);
            if (k < 0) break;
            result.Append(s, at, k - at).Append(replacement);
            at = k + old.Length;
            n++;
        }
        return result.Append(s, at, s.Length - at).ToString();
    }

    private static JinjaFunction? DictMethod(JinjaValue d, string name) => name switch
    {
        "items" => a => { a.None(); return JinjaValue.List(d.AsDict.Entries.Select(e => JinjaValue.Tuple([JinjaValue.From(e.Key), e.Value]))); },
        "keys" => a => { a.None(); return JinjaValue.List(d.AsDict.Entries.Select(e => JinjaValue.From(e.Key))); },
        "values" => a => { a.None(); return JinjaValue.List(d.AsDict.Entries.Select(e => e.Value)); },
        "get" => a =>
        {
            var p = a.Bind("key", "default");
            var deflt = p[1].IsUndefined ? JinjaValue.None : p[1];
            return p[0].Kind == JinjaKind.String && d.AsDict.TryGetValue(p[0].AsString, out var v) ? v : deflt;
        },
        "copy" => a => { a.None(); return JinjaValue.Dict(d.AsDict); },
        _ when MutatingDictMethods.Contains(name) => _ => throw new JinjaRuntimeException($"access to attribute '{name}' of 'dict' object is unsafe (templates render in an immutable sandbox)"),
        _ => null,
    };

    private static JinjaFunction? ListMethod(JinjaValue list, string name) => name switch
    {
        "index" => a =>
        {
            var x = a.Bind("value")[0];
            for (var i = 0; i < list.AsList.Count; i++)
                if (list.AsList[i].PythonEquals(x)) return JinjaValue.From((long)i);
            throw new JinjaRuntimeException($"{PythonText.Repr(x)} is not in list");
        },
        "count" => a => { var x = a.Bind("value")[0]; return JinjaValue.From((long)list.AsList.Count(v => v.PythonEquals(x))); },
        _ when MutatingListMethods.Contains(name) => _ => throw new JinjaRuntimeException($"access to attribute '{name}' of '{list.TypeName}' object is unsafe (templates render in an immutable sandbox)"),
        _ => null,
    };
}
