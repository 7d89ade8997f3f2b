using System.Globalization;
using System.Text;

namespace Sift.Text.Chat;

/// <summary>
/// The global functions a chat template can call: Jinja2's <c>range</c>, <c>namespace</c> and
/// <c>dict</c>, and transformers' <c>raise_exception</c> and <c>strftime_now</c>.
/// </summary>
internal static class JinjaGlobals
{
    public static void AddTo(JinjaScope scope, DateTime now)
    {
        scope.Set("range", JinjaValue.Function(Range));
        scope.Set("namespace", JinjaValue.Function(Namespace));
        scope.Set("dict", JinjaValue.Function(a =>
        {
            if (a.Positional.Count > 0) throw new JinjaRuntimeException("dict() with positional arguments is not supported");
            return JinjaValue.Dict(a.Keywords);
        }));
        scope.Set("raise_exception", JinjaValue.Function(a =>
            throw new JinjaRuntimeException(PythonText.Str(a.Bind("message")[0])) { RaisedByTemplate = true }));
        scope.Set("strftime_now", JinjaValue.Function(a => JinjaValue.From(Strftime(now, PythonText.Str(a.Bind("format")[0])))));
    }

    private static JinjaValue Range(JinjaArguments a)
    {
        if (a.Keywords.Count > 0) throw new JinjaRuntimeException("range() takes no keyword arguments");
        long Int(JinjaValue v) => v.Kind is JinjaKind.Integer or JinjaKind.Boolean ? v.AsInteger
            : throw new JinjaRuntimeException($"'{v.TypeName}' object cannot be interpreted as an integer");
        var p = a.Positional;
        var (start, stop, step) = p.Count switch
        {
            1 => (0L, Int(p[0]), 1L),
            2 => (Int(p[0]), Int(p[1]), 1L),
            3 => (Int(p[0]), Int(p[1]), Int(p[2])),
            _ => throw new JinjaRuntimeException($"range expected 1 to 3 arguments, got {p.Count}"),
        };
        if (step == 0) throw new JinjaRuntimeException("range() arg 3 must not be zero");
        var items = new List<JinjaValue>();
        for (var i = start; step > 0 ? i < stop : i > stop; i += step)
        {
            // The sandbox caps ranges too (MAX_RANGE = 100000).
            if (items.Count >= 100_000) throw new JinjaRuntimeException("range too big");
            items.Add(JinjaValue.From(i));
        }
        return JinjaValue.List(items);
    }

    private static JinjaValue Namespace(JinjaArguments a)
    {
        var entries = new JinjaDict();
        if (a.Positional.Count > 1) throw new JinjaRuntimeException($"namespace expected at most 1 argument, got {a.Positional.Count}");
        if (a.Positional.Count == 1)
        {
            var source = a.Positional[0];
            if (source.Kind != JinjaKind.Dict) throw new JinjaRuntimeException("namespace() with a positional argument needs a dict");
            foreach (var (k, v) in source.AsDict.Entries) entries[k] = v;
        }
        foreach (var (k, v) in a.Keywords.Entries) entries[k] = v;
        return JinjaValue.Namespace(entries);
    }

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    /// <summary>Python's <c>datetime.strftime</c> for the C-locale directives templates use (e.g. Llama 3.2's <c>"%d %b %Y"</c>).</summary>
    public static string Strftime(DateTime t, string format)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }
            var d = format[++i];
            sb.Append(d switch
            {
                'd' => t.Day.ToString("00", CultureInfo.InvariantCulture),
                'm' => t.Month.ToString("00", CultureInfo.InvariantCulture),
                'Y' => t.Year.ToString("0000", CultureInfo.InvariantCulture),
                'y' => (t.Year % 100).ToString("00", CultureInfo.InvariantCulture),
                'H' => t.Hour.ToString("00", CultureInfo.InvariantCulture),
                'I' => ((t.Hour + 11) % 12 + 1).ToString("00", CultureInfo.InvariantCulture),
                'M' => t.Minute.ToString("00", CultureInfo.InvariantCulture),
                'S' => t.Second.ToString("00", CultureInfo.InvariantCulture),
                'p' => t.Hour < 12 ? "AM" : "PM",
                'j' => t.DayOfYear.ToString("000", CultureInfo.InvariantCulture),
                'b' => Months[t.Month - 1][..3],
                'B' => Months[t.Month - 1],
                'a' => Days[(int)t.DayOfWeek][..3],
                'A' => Days[(int)t.DayOfWeek],
                '%' => "%",
                _ => throw new JinjaRuntimeException($"strftime_now: directive %{d} is not supported"),
            });
        }
        return sb.ToString();
    }
}
