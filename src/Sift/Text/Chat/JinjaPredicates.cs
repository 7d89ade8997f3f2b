namespace Sift.Text.Chat;

/// <summary>
/// Jinja2's built-in tests (<c>x is defined</c>, <c>x is string</c>, ...; "predicates" here, so they are not
/// taken for unit tests), with Python's type rules:
/// a bool is a number but not an integer, a dict is a sequence and a mapping, Undefined is iterable.
/// </summary>
internal static class JinjaPredicates
{
    public static bool IsKnown(string name) => name is "defined" or "undefined" or "none" or "boolean" or "false" or "true" or "integer" or "float"
        or "number" or "string" or "mapping" or "sequence" or "iterable" or "callable" or "odd" or "even" or "divisibleby" or "eq" or "equalto" or "=="
        or "ne" or "!=" or "lt" or "lessthan" or "<" or "le" or "<=" or "gt" or "greaterthan" or ">" or "ge" or ">=" or "in" or "lower" or "upper"
        or "sameas" or "escaped";

    public static bool Apply(string name, JinjaValue v, JinjaArguments args)
    {
        JinjaValue Other() => args.Bind("other")[0];
        switch (name)
        {
            case "defined": args.None(); return !v.IsUndefined;
            case "undefined": args.None(); return v.IsUndefined;
            case "none": args.None(); return v.IsNone;
            case "boolean": args.None(); return v.Kind == JinjaKind.Boolean;
            case "false": args.None(); return v.Kind == JinjaKind.Boolean && !v.AsBoolean;
            case "true": args.None(); return v.Kind == JinjaKind.Boolean && v.AsBoolean;
            case "integer": args.None(); return v.Kind == JinjaKind.Integer;
            case "float": args.None(); return v.Kind == JinjaKind.Float;
            case "number": args.None(); return v.IsNumber;
            case "string": args.None(); return v.Kind == JinjaKind.String;
            case "mapping": args.None(); return v.Kind == JinjaKind.Dict;
            case "sequence": args.None(); return v.Kind is JinjaKind.String or JinjaKind.List or JinjaKind.Dict;
            case "iterable": args.None(); return v.Kind is JinjaKind.String or JinjaKind.List or JinjaKind.Dict or JinjaKind.Undefined;
            case "callable": args.None(); return v.Kind == JinjaKind.Function;
            case "odd": args.None(); return Integer(v, name) % 2 != 0;
            case "even": args.None(); return Integer(v, name) % 2 == 0;
            case "divisibleby":
                var n = Integer(args.Bind("num")[0], name);
                if (n == 0) throw new JinjaRuntimeException("integer division or modulo by zero");
                return Integer(v, name) % n == 0;
            case "eq" or "equalto" or "==": return v.PythonEquals(Other());
            case "ne" or "!=": return !v.PythonEquals(Other());
            case "lt" or "lessthan" or "<": return JinjaOperations.Compare("<", v, Other());
            case "le" or "<=": return JinjaOperations.Compare("<=", v, Other());
            case "gt" or "greaterthan" or ">": return JinjaOperations.Compare(">", v, Other());
            case "ge" or ">=": return JinjaOperations.Compare(">=", v, Other());
            case "in": return JinjaOperations.Contains(args.Bind("seq")[0], v);
            case "lower": args.None(); var lo = PythonText.Str(v); return lo.Any(char.IsLetter) && string.Equals(lo.ToLowerInvariant(), lo, StringComparison.Ordinal);
            case "upper": args.None(); var up = PythonText.Str(v); return up.Any(char.IsLetter) && string.Equals(up.ToUpperInvariant(), up, StringComparison.Ordinal);
            case "sameas":
                var o = Other();
                return ReferenceEquals(v, o) || (v.Kind == o.Kind && v.Kind is JinjaKind.None or JinjaKind.Boolean && v.PythonEquals(o));
            case "escaped": args.None(); return false;
            default: throw new JinjaRuntimeException($"unsupported test '{name}'");
        }
    }

    private static long Integer(JinjaValue v, string test) => v.Kind is JinjaKind.Integer or JinjaKind.Boolean
        ? v.AsInteger
        : throw new JinjaRuntimeException($"test '{test}' needs an integer, not {v.TypeName}");
}
