using System.Globalization;
using System.Text;

namespace Sift.Text.Chat;

/// <summary>
/// Python's string behaviour where templates depend on it: <c>str()</c>/<c>repr()</c> of values
/// (float repr included), <c>str.isspace</c>, and the <c>strip</c>/<c>split</c> family. .NET's
/// own versions differ in details (whitespace sets, empty-separator rules, float formatting) that
/// would change rendered prompts.
/// </summary>
internal static class PythonText
{
    /// <summary>Python's <c>str.isspace()</c> for one UTF-16 unit (every such character is in the BMP).</summary>
    public static bool IsSpace(char c) => c switch
    {
        ' ' or '\t' or '\n' or '\v' or '\f' or '\r' => true,
        >= '\x1c' and <= '\x1f' => true,
        '\x85' or '\xa0' or '\u1680' or '\u2028' or '\u2029' or '\u202f' or '\u205f' or '\u3000' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    /// <summary><c>str(value)</c> as Jinja prints it (Undefined prints as the empty string).</summary>
    public static string Str(JinjaValue value) => value.Kind switch
    {
        JinjaKind.Undefined => "",
        JinjaKind.String => value.AsString,
        _ => Repr(value),
    };

    /// <summary>Python's <c>repr(value)</c>.</summary>
    public static string Repr(JinjaValue value)
    {
        var sb = new StringBuilder();
        AppendRepr(sb, value);
        return sb.ToString();
    }

    private static void AppendRepr(StringBuilder sb, JinjaValue v)
    {
        switch (v.Kind)
        {
            case JinjaKind.Undefined: sb.Append("Undefined"); break;
            case JinjaKind.None: sb.Append("None"); break;
            case JinjaKind.Boolean: sb.Append(v.AsBoolean ? "True" : "False"); break;
            case JinjaKind.Integer: sb.Append(v.AsInteger.ToString(CultureInfo.InvariantCulture)); break;
            case JinjaKind.Float: sb.Append(FloatRepr(v.AsDouble)); break;
            case JinjaKind.String: AppendStringRepr(sb, v.AsString); break;
            case JinjaKind.List:
                sb.Append(v.IsTuple ? '(' : '[');
                for (var i = 0; i < v.AsList.Count; i++)
                {
                    if (i > 0) sb.Append(", ");
                    AppendRepr(sb, v.AsList[i]);
                }
                if (v.IsTuple && v.AsList.Count == 1) sb.Append(',');
                sb.Append(v.IsTuple ? ')' : ']');
                break;
            case JinjaKind.Dict:
            case JinjaKind.Namespace:
                if (v.Kind == JinjaKind.Namespace) sb.Append("<Namespace ");
                sb.Append('{');
                var first = true;
                foreach (var (k, item) in v.AsDict.Entries)
                {
                    if (!first) sb.Append(", ");
                    first = false;
                    AppendStringRepr(sb, k);
                    sb.Append(": ");
                    AppendRepr(sb, item);
                }
                sb.Append('}');
                if (v.Kind == JinjaKind.Namespace) sb.Append('>');
                break;
            default: sb.Append("<function>"); break;
        }
    }

    private static void AppendStringRepr(StringBuilder sb, string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        sb.Append(quote);
        foreach (var rune in s.EnumerateRunes())
        {
            var c = rune.Value;
            if (c == quote || c == '\\') sb.Append('\\').Append((char)c);
            else if (c == '\t') sb.Append("\\t");
            else if (c == '\n') sb.Append("\\n");
            else if (c == '\r') sb.Append("\\r");
            else if (!IsPrintable(rune))
            {
                if (c < 0x100) sb.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
                else if (c < 0x10000) sb.Append("\\u").Append(c.ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append("\\U").Append(c.ToString("x8", CultureInfo.InvariantCulture));
            }
            else sb.Append(rune.ToString());
        }
        sb.Append(quote);
    }

    private static bool IsPrintable(Rune r)
    {
        if (r.Value == ' ') return true;
        return Rune.GetUnicodeCategory(r) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }

    /// <summary>Python's <c>repr(float)</c>: the shortest round-trip digits, fixed between 1e-4 and 1e16, else <c>1e+16</c> style.</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d)) return "nan";
        if (double.IsPositiveInfinity(d)) return "inf";
        if (double.IsNegativeInfinity(d)) return "-inf";
        if (d == 0) return double.IsNegative(d) ? "-0.0" : "0.0";
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var negative = r[0] == '-';
        if (negative) r = r[1..];
        var exp = 0;
        var e = r.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            exp = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            r = r[..e];
        }
        var dot = r.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? r[..dot] : r;
        var digits = (intPart + (dot >= 0 ? r[(dot + 1)..] : "")).TrimStart('0');
        // decpt: the value is 0.<digits> x 10^decpt.
        var leadingZeros = (intPart + (dot >= 0 ? r[(dot + 1)..] : "")).Length - digits.Length;
        var decpt = intPart.Length + exp - leadingZeros;
        digits = digits.TrimEnd('0');
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        if (decpt > 16 || decpt < -3)
        {
            sb.Append(digits[0]);
            if (digits.Length > 1) sb.Append('.').Append(digits, 1, digits.Length - 1);
            var x = decpt - 1;
            sb.Append('e').Append(x < 0 ? '-' : '+').Append(Math.Abs(x).ToString("00", CultureInfo.InvariantCulture));
        }
        else if (decpt <= 0) sb.Append("0.").Append('0', -decpt).Append(digits);
        else if (decpt >= digits.Length) sb.Append(digits).Append('0', decpt - digits.Length).Append(".0");
        else sb.Append(digits, 0, decpt).Append('.').Append(digits, decpt, digits.Length - decpt);
        return sb.ToString();
    }

    /// <summary><c>str.strip(chars)</c>, <c>lstrip</c>, <c>rstrip</c>: whitespace when <paramref name="chars"/> is null.</summary>
    public static string Strip(string s, string? chars, bool left, bool right)
    {
        bool Drop(char c) => chars is null ? IsSpace(c) : chars.Contains(c, StringComparison.Ordinal);
        int start = 0, end = s.Length;
        if (left) while (start < end && Drop(s[start])) start++;
        if (right) while (end > start && Drop(s[end - 1])) end--;
        return s[start..end];
    }

    /// <summary>Python's <c>str.split(sep, maxsplit)</c>; <paramref name="sep"/> null splits on runs of whitespace.</summary>
    public static List<string> Split(string s, string? sep, long maxsplit)
    {
        var parts = new List<string>();
        if (sep is null)
        {
            var i = 0;
            while (true)
            {
                while (i < s.Length && IsSpace(s[i])) i++;
                if (i >= s.Length) break;
                if (maxsplit >= 0 && parts.Count >= maxsplit)
                {
                    parts.Add(Strip(s[i..], null, false, true));
                    break;
                }
                var j = i;
                while (j < s.Length && !IsSpace(s[j])) j++;
                parts.Add(s[i..j]);
                i = j;
            }
            return parts;
        }
        if (sep.Length == 0) throw new JinjaRuntimeException("empty separator");
        var at = 0;
        while (maxsplit < 0 || parts.Count < maxsplit)
        {
            var k = s.IndexOf(sep, at, StringComparison.Ordinal);
            if (k < 0) break;
            parts.Add(s[at..k]);
            at = k + sep.Length;
        }
        parts.Add(s[at..]);
        return parts;
    }

    /// <summary>Python's <c>str.rsplit(sep, maxsplit)</c>.</summary>
    public static List<string> RSplit(string s, string? sep, long maxsplit)
    {
        if (maxsplit < 0) return Split(s, sep, maxsplit);
        var parts = new List<string>();
        if (sep is null)
        {
            var i = s.Length;
            while (true)
            {
                while (i > 0 && IsSpace(s[i - 1])) i--;
                if (i <= 0) break;
                if (parts.Count >= maxsplit)
                {
                    parts.Add(Strip(s[..i], null, true, false));
                    break;
                }
                var j = i;
                while (j > 0 && !IsSpace(s[j - 1])) j--;
                parts.Add(s[j..i]);
                i = j;
            }
            parts.Reverse();
            return parts;
        }
        if (sep.Length == 0) throw new JinjaRuntimeException("empty separator");
        var end = s.Length;
        while (parts.Count < maxsplit)
        {
            var k = end - sep.Length < 0 ? -1 : s.LastIndexOf(sep, end - 1, end, StringComparison.Ordinal);
            if (k < 0) break;
            parts.Add(s[(k + sep.Length)..end]);
            end = k;
        }
        parts.Add(s[..end]);
        parts.Reverse();
        return parts;
    }

    /// <summary>Python's <c>str.capitalize()</c>: the first character upper-cased, the rest lower-cased.</summary>
    public static string Capitalize(string s) =>
        s.Length == 0 ? s : string.Concat(s[..1].ToUpperInvariant(), s[1..].ToLowerInvariant());

    /// <summary>Python's <c>str.title()</c>: a letter after a non-letter is upper-cased, others lower-cased.</summary>
    public static string Title(string s)
    {
        var sb = new StringBuilder(s.Length);
        var previousCased = false;
        foreach (var c in s)
        {
            sb.Append(previousCased ? char.ToLowerInvariant(c) : char.ToUpperInvariant(c));
            previousCased = char.IsLetter(c);
        }
        return sb.ToString();
    }

    /// <summary>The code points of <paramref name="s"/> (Python indexes and measures strings by code point, not UTF-16 unit).</summary>
    public static string[] CodePoints(string s)
    {
        var list = new List<string>(s.Length);
        foreach (var r in s.EnumerateRunes()) list.Add(r.ToString());
        return [.. list];
    }

    /// <summary>The number of code points (Python's <c>len(str)</c>).</summary>
    public static int Length(string s)
    {
        var n = 0;
        foreach (var _ in s.EnumerateRunes()) n++;
        return n;
    }
}
