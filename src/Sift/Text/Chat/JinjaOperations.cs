namespace Sift.Text.Chat;

/// <summary>
/// Python's operators and Jinja's attribute/item lookup on <see cref="JinjaValue"/>s. Type errors
/// are raised where Python raises them (e.g. <c>'a' + 1</c>, <c>none + 'a'</c>), so a template that
/// fails in transformers fails here too instead of printing something.
/// </summary>
internal static class JinjaOperations
{
    public static JinjaRuntimeException UndefinedError(JinjaValue v) =>
        new(v.UndefinedName is { } n ? $"{n} is undefined" : "the value is undefined");

    private static JinjaRuntimeException TypeError(string message) => new(message);

    /// <summary><c>obj.name</c>: Python attribute first (methods), then the item (Jinja's <c>environment.getattr</c>).</summary>
    public static JinjaValue GetAttribute(JinjaValue obj, string name)
    {
        if (obj.IsUndefined) throw UndefinedError(obj);
        if (JinjaMethods.TryBind(obj, name, out var method)) return method;
        return obj.Kind switch
        {
            JinjaKind.Dict or JinjaKind.Namespace => obj.AsDict.TryGetValue(name, out var v) ? v : JinjaValue.UndefinedNamed($"'{obj.TypeName} object' has no attribute '{name}'"),
            _ => JinjaValue.UndefinedNamed($"'{obj.TypeName} object' has no attribute '{name}'"),
        };
    }

    /// <summary><c>obj[key]</c>: the item first, then a string key as attribute (Jinja's <c>environment.getitem</c>).</summary>
    public static JinjaValue GetItem(JinjaValue obj, JinjaValue key)
    {
        if (obj.IsUndefined) throw UndefinedError(obj);
        switch (obj.Kind)
        {
            case JinjaKind.Dict:
                if (key.Kind == JinjaKind.String && obj.AsDict.TryGetValue(key.AsString, out var v)) return v;
                break;
            case JinjaKind.List when key.Kind is JinjaKind.Integer or JinjaKind.Boolean:
                var list = obj.AsList;
                var i = key.AsInteger < 0 ? key.AsInteger + list.Count : key.AsInteger;
                if (i >= 0 && i < list.Count) return list[(int)i];
                return JinjaValue.UndefinedNamed($"{obj.TypeName} index {key.AsInteger} out of range");
            case JinjaKind.String when key.Kind is JinjaKind.Integer or JinjaKind.Boolean:
                var chars = PythonText.CodePoints(obj.AsString);
                var j = key.AsInteger < 0 ? key.AsInteger + chars.Length : key.AsInteger;
                if (j >= 0 && j < chars.Length) return JinjaValue.From(chars[(int)j]);
                return JinjaValue.UndefinedNamed($"string index {key.AsInteger} out of range");
        }
        if (key.Kind == JinjaKind.String)
        {
            if (JinjaMethods.TryBind(obj, key.AsString, out var method)) return method;
            if (obj.Kind == JinjaKind.Namespace && obj.AsDict.TryGetValue(key.AsString, out var n)) return n;
            return JinjaValue.UndefinedNamed($"'{obj.TypeName} object' has no attribute '{key.AsString}'");
        }
        return JinjaValue.UndefinedNamed($"'{obj.TypeName} object' has no item {PythonText.Repr(key)}");
    }

    /// <summary>Python slicing <c>obj[start:stop:step]</c> of a list, tuple or string (strings by code point).</summary>
    public static JinjaValue Slice(JinjaValue obj, JinjaValue start, JinjaValue stop, JinjaValue step)
    {
        if (obj.IsUndefined) throw UndefinedError(obj);
        long? Index(JinjaValue v, string what) => v.Kind switch
        {
            JinjaKind.Undefined or JinjaKind.None => null,
            JinjaKind.Integer or JinjaKind.Boolean => v.AsInteger,
            _ => throw TypeError($"slice {what} must be an integer or None, not {v.TypeName}"),
        };
        // Jinja's getitem turns the TypeError of slicing a non-sequence into Undefined.
        if (obj.Kind is not (JinjaKind.String or JinjaKind.List)) return JinjaValue.UndefinedNamed($"'{obj.TypeName}' object is not subscriptable");
        var st = Index(step, "step") ?? 1;
        if (st == 0) throw new JinjaRuntimeException("slice step cannot be zero");
        string[]? chars = obj.Kind == JinjaKind.String ? PythonText.CodePoints(obj.AsString) : null;
        var count = chars?.Length ?? (obj.Kind == JinjaKind.List ? obj.AsList.Count : throw TypeError($"'{obj.TypeName}' object is not subscriptable"));
        long Clamp(long? v, long deflt, long lo, long hi)
        {
            if (v is null) return deflt;
            var x = v.Value < 0 ? v.Value + count : v.Value;
            return Math.Clamp(x, lo, hi);
        }
        long a, b;
        if (st > 0)
        {
            a = Clamp(Index(start, "start"), 0, 0, count);
            b = Clamp(Index(stop, "stop"), count, 0, count);
        }
        else
        {
            a = Clamp(Index(start, "start"), count - 1, -1, count - 1);
            b = Clamp(Index(stop, "stop"), -1, -1, count - 1);
        }
        var picked = new List<int>();
        for (var i = a; st > 0 ? i < b : i > b; i += st) picked.Add((int)i);
        if (chars is not null) return JinjaValue.From(string.Concat(picked.Select(i => chars[i])));
        var items = obj.AsList;
        var result = picked.Select(i => items[i]);
        return obj.IsTuple ? JinjaValue.Tuple(result) : JinjaValue.List(result);
    }

    /// <summary>The items a for loop or filter iterates: list items, dict keys, string code points; nothing for Undefined.</summary>
    public static IReadOnlyList<JinjaValue> Iterate(JinjaValue v) => v.Kind switch
    {
        JinjaKind.Undefined => [],
        JinjaKind.List => v.AsList,
        JinjaKind.Dict => v.AsDict.Entries.Select(e => JinjaValue.From(e.Key)).ToArray(),
        JinjaKind.String => PythonText.CodePoints(v.AsString).Select(JinjaValue.From).ToArray(),
        _ => throw TypeError($"'{v.TypeName}' object is not iterable"),
    };

    /// <summary>Python's <c>len()</c> (0 for Undefined, as Jinja's Undefined has length 0).</summary>
    public static long Length(JinjaValue v) => v.Kind switch
    {
        JinjaKind.Undefined => 0,
        JinjaKind.String => PythonText.Length(v.AsString),
        JinjaKind.List => v.AsList.Count,
        JinjaKind.Dict => v.AsDict.Count,
        _ => throw TypeError($"object of type '{v.TypeName}' has no len()"),
    };

    /// <summary><c>item in container</c>.</summary>
    public static bool Contains(JinjaValue container, JinjaValue item)
    {
        switch (container.Kind)
        {
            case JinjaKind.Undefined: return false;
            case JinjaKind.String:
                if (item.Kind != JinjaKind.String) throw TypeError($"'in <string>' requires string as left operand, not {item.TypeName}");
                return container.AsString.Contains(item.AsString, StringComparison.Ordinal);
            case JinjaKind.List: return container.AsList.Any(x => x.PythonEquals(item));
            case JinjaKind.Dict: return item.Kind == JinjaKind.String && container.AsDict.ContainsKey(item.AsString);
            default: throw TypeError($"argument of type '{container.TypeName}' is not iterable");
        }
    }

    /// <summary>Python's arithmetic operators and Jinja's <c>~</c>.</summary>
    public static JinjaValue Binary(string op, JinjaValue a, JinjaValue b)
    {
        if (op == "~") return JinjaValue.From(PythonText.Str(a) + PythonText.Str(b));
        if (a.IsUndefined) throw UndefinedError(a);
        if (b.IsUndefined) throw UndefinedError(b);
        if (a.IsNumber && b.IsNumber) return Arithmetic(op, a, b);
        switch (op)
        {
            case "+" when a.Kind == JinjaKind.String && b.Kind == JinjaKind.String:
                return JinjaValue.From(a.AsString + b.AsString);
            case "+" when a.Kind == JinjaKind.List && b.Kind == JinjaKind.List && a.IsTuple == b.IsTuple:
                var joined = a.AsList.Concat(b.AsList);
                return a.IsTuple ? JinjaValue.Tuple(joined) : JinjaValue.List(joined);
            case "*" when (a.Kind is JinjaKind.String or JinjaKind.List && b.Kind is JinjaKind.Integer or JinjaKind.Boolean)
                          || (b.Kind is JinjaKind.String or JinjaKind.List && a.Kind is JinjaKind.Integer or JinjaKind.Boolean):
                var (seq, times) = a.Kind is JinjaKind.String or JinjaKind.List ? (a, b.AsInteger) : (b, a.AsInteger);
                if (times > 100_000) throw new JinjaRuntimeException("sequence repetition is too large");
                if (seq.Kind == JinjaKind.String) return JinjaValue.From(string.Concat(Enumerable.Repeat(seq.AsString, (int)Math.Max(0, times))));
                var repeated = Enumerable.Repeat(seq.AsList, (int)Math.Max(0, times)).SelectMany(x => x);
                return seq.IsTuple ? JinjaValue.Tuple(repeated) : JinjaValue.List(repeated);
            case "%" when a.Kind == JinjaKind.String:
                throw new JinjaRuntimeException("printf-style string formatting ('...' % args) is not supported");
        }
        throw TypeError($"unsupported operand type(s) for {op}: '{a.TypeName}' and '{b.TypeName}'");
    }

    private static JinjaValue Arithmetic(string op, JinjaValue a, JinjaValue b)
    {
        var isFloat = a.Kind == JinjaKind.Float || b.Kind == JinjaKind.Float;
        if (op == "/")
        {
            if (b.AsDouble == 0) throw new JinjaRuntimeException("division by zero");
            return JinjaValue.From(a.AsDouble / b.AsDouble);
        }
        if (isFloat)
        {
            double x = a.AsDouble, y = b.AsDouble;
            switch (op)
            {
                case "+": return JinjaValue.From(x + y);
                case "-": return JinjaValue.From(x - y);
                case "*": return JinjaValue.From(x * y);
                case "**": return JinjaValue.From(Math.Pow(x, y));
                case "//":
                    if (y == 0) throw new JinjaRuntimeException("float floor division by zero");
                    return JinjaValue.From(FloatDivMod(x, y).Div);
                case "%":
                    if (y == 0) throw new JinjaRuntimeException("float modulo");
                    return JinjaValue.From(FloatDivMod(x, y).Mod);
            }
        }
        else
        {
            long x = a.AsInteger, y = b.AsInteger;
            checked
            {
                switch (op)
                {
                    case "+": return JinjaValue.From(x + y);
                    case "-": return JinjaValue.From(x - y);
                    case "*": return JinjaValue.From(x * y);
                    case "**":
                        if (y < 0) return JinjaValue.From(Math.Pow(x, y));
                        long r = 1;
                        for (long i = 0; i < y; i++) r *= x;
                        return JinjaValue.From(r);
                    case "//":
                        if (y == 0) throw new JinjaRuntimeException("integer division or modulo by zero");
                        var q = x / y;
                        if ((x % y != 0) && ((x < 0) != (y < 0))) q--;
                        return JinjaValue.From(q);
                    case "%":
                        if (y == 0) throw new JinjaRuntimeException("integer division or modulo by zero");
                        var mod = x % y;
                        if (mod != 0 && (mod < 0) != (y < 0)) mod += y;
                        return JinjaValue.From(mod);
                }
            }
        }
        throw new JinjaRuntimeException($"unknown operator {op}");
    }

    /// <summary>CPython's float_divmod: floor division and modulo with the divisor's sign, signed zeros included (1 // 0.1 is 9.0).</summary>
    private static (double Div, double Mod) FloatDivMod(double vx, double wx)
    {
        var mod = vx % wx; // C#'s % on doubles is C's fmod
        var div = (vx - mod) / wx;
        if (mod != 0)
        {
            if ((wx < 0) != (mod < 0))
            {
                mod += wx;
                div -= 1.0;
            }
        }
        else mod = Math.CopySign(0.0, wx);
        double floordiv;
        if (div != 0)
        {
            floordiv = Math.Floor(div);
            if (div - floordiv > 0.5) floordiv += 1.0;
        }
        else floordiv = Math.CopySign(0.0, vx / wx);
        return (floordiv, mod);
    }

    /// <summary>One comparison of a chain: <c>== != &lt; &gt; &lt;= &gt;= in notin</c>.</summary>
    public static bool Compare(string op, JinjaValue a, JinjaValue b)
    {
        switch (op)
        {
            case "==": return a.PythonEquals(b);
            case "!=": return !a.PythonEquals(b);
            case "in": return Contains(b, a);
            case "notin": return !Contains(b, a);
        }
        if (a.IsUndefined) throw UndefinedError(a);
        if (b.IsUndefined) throw UndefinedError(b);
        var c = Order(op, a, b);
        return op switch
        {
            "<" => c < 0,
            ">" => c > 0,
            "<=" => c <= 0,
            _ => c >= 0,
        };
    }

    /// <summary>Python ordering: numbers, strings by code point, lists element-wise; anything else is a TypeError.</summary>
    public static int Order(string op, JinjaValue a, JinjaValue b)
    {
        if (a.IsNumber && b.IsNumber)
        {
            if (a.Kind != JinjaKind.Float && b.Kind != JinjaKind.Float) return a.AsInteger.CompareTo(b.AsInteger);
            return a.AsDouble.CompareTo(b.AsDouble);
        }
        if (a.Kind == JinjaKind.String && b.Kind == JinjaKind.String) return CompareCodePoints(a.AsString, b.AsString);
        if (a.Kind == JinjaKind.List && b.Kind == JinjaKind.List && a.IsTuple == b.IsTuple)
        {
            var (x, y) = (a.AsList, b.AsList);
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                if (x[i].PythonEquals(y[i])) continue;
                return Order(op, x[i], y[i]);
            }
            return x.Count.CompareTo(y.Count);
        }
        throw TypeError($"'{op}' not supported between instances of '{a.TypeName}' and '{b.TypeName}'");
    }

    /// <summary>Python compares strings by code point; UTF-16 order differs only past the surrogates.</summary>
    public static int CompareCodePoints(string a, string b)
    {
        var ea = a.EnumerateRunes();
        var eb = b.EnumerateRunes();
        while (true)
        {
            var ha = ea.MoveNext();
            var hb = eb.MoveNext();
            if (!ha || !hb) return ha.CompareTo(hb);
            var c = ea.Current.Value.CompareTo(eb.Current.Value);
            if (c != 0) return c;
        }
    }
}
