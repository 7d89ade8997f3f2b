using System.Text;
using System.Text.RegularExpressions;

namespace Sift.Grading;

/// <summary>
/// String-level clean-up of an extracted answer before parsing: strips math delimiters, spacing
/// commands, \left/\right, \text wrappers, degree signs, thousands separators and trailing units.
/// The result is also the key for the cheap string-equality check.
/// </summary>
internal static partial class AnswerNormalizer
{
    private static readonly string[] Removals =
    [
        "\\left", "\\right", "\\bigl", "\\bigr", "\\Bigl", "\\Bigr", "\\biggl", "\\biggr", "\\big", "\\Big", "\\bigg", "\\Bigg",
        "\\displaystyle", "\\textstyle", "\\limits", "\\nolimits", "\\!", "\\$", "$", "\\(", "\\)", "\\[", "\\]",
    ];

    private static readonly HashSet<string> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        "unit", "units", "sq", "square", "cubic", "cm", "mm", "km", "m", "meter", "meters", "metre", "metres", "centimeter", "centimeters",
        "inch", "inches", "in", "ft", "foot", "feet", "yd", "yard", "yards", "mile", "miles", "mi", "mph", "kph",
        "degree", "degrees", "deg", "radian", "radians", "rad", "dollar", "dollars", "cent", "cents", "usd",
        "second", "seconds", "sec", "s", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "h", "day", "days", "week", "weeks",
        "month", "months", "year", "years", "yr", "yrs", "pound", "pounds", "lb", "lbs", "ounce", "ounces", "oz", "kg", "g", "gram", "grams",
        "kilogram", "kilograms", "liter", "liters", "litre", "litres", "l", "ml", "gallon", "gallons", "gal", "quart", "quarts", "cup", "cups",
        "people", "persons", "students", "times", "ways", "points", "percent", "percentage", "pct", "mathrm", "text",
    };

    public static string Normalize(string answer, bool decimalComma = false)
    {
        var s = answer.Trim();
        if (s.Length == 0) return s;
        // Opt-in (GraderOptions.DecimalComma): a whole answer "1,22" or "1{,}5" is the decimal 1.22 / 1.5.
        // Exactly three digits after the comma stay a thousands separator (1,225 = 1225), the common reading.
        if (decimalComma && s.Contains(',') && DecimalCommaNumber().Match(s) is { Success: true } dm && dm.Groups[2].Value.Length != 3)
            s = dm.Groups[1].Value + "." + dm.Groups[2].Value;
        if (!System.Text.Ascii.IsValid(s)) s = MapUnicode(s);
        // Doubly escaped LaTeX copied from source code ("\\frac{1}{2}"); matrices keep their row breaks.
        if (s.Contains("\\\\", StringComparison.Ordinal) && !s.Contains("begin", StringComparison.Ordinal)) s = DoubleEscape().Replace(s, "\\");
        s = s.Contains(',') || s.Contains("\\,", StringComparison.Ordinal) ? ThinSpaceThousands().Replace(s, "$1") : s;
        s = UnwrapTextCommands(s);
        return NormalizeAscii(s);
    }

    private static string MapUnicode(string s)
    {
        var sb = new StringBuilder(s.Length + 8);
        // Unicode math symbols to their LaTeX/plain forms.
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '\u2212': case '\u2013': case '\u2014': sb.Append('-'); break;
                case '\u00d7': sb.Append("\\times "); break;
                case '\u00b7': case '\u22c5': sb.Append("\\cdot "); break;
                case '\u00f7': sb.Append('/'); break;
                case '\u03c0': sb.Append("\\pi "); break;
                case '\u221a': sb.Append("\\sqrt"); break;
                case '\u221e': sb.Append("\\infty "); break;
                case '\u2264': sb.Append("\\le "); break;
                case '\u2265': sb.Append("\\ge "); break;
                case '\u2260': sb.Append("\\ne "); break;
                case '\u00b0': case '\u20ac': case '\u00a3': break;
                case '\u00b2': sb.Append("^2"); break;
                case '\u00b3': sb.Append("^3"); break;
                case '\u00a0': case '\u2009': case '\u202f': sb.Append(' '); break;
                case '\u222a': sb.Append("\\cup "); break;
                case '\u00b1': sb.Append("\\pm "); break;
                default: sb.Append(ch); break;
            }
        }
        return sb.ToString();
    }

    private static string NormalizeAscii(string s)
    {
        foreach (var r in Removals) if (s.Contains(r, StringComparison.Ordinal)) s = s.Replace(r, r is "\\$" or "$" ? "" : (r.Length > 2 && char.IsAsciiLetter(r[1]) ? " " : ""), StringComparison.Ordinal);
        s = s.Replace("{,}", "", StringComparison.Ordinal);
        s = s.Replace("\\\\", "\u0003", StringComparison.Ordinal);
        s = s.Replace("\\,", " ", StringComparison.Ordinal).Replace("\\;", " ", StringComparison.Ordinal)
             .Replace("\\:", " ", StringComparison.Ordinal).Replace("\\ ", " ", StringComparison.Ordinal)
             .Replace("\\quad", " ", StringComparison.Ordinal).Replace("\\qquad", " ", StringComparison.Ordinal).Replace("~", " ", StringComparison.Ordinal);
        s = s.Replace("\\%", "%", StringComparison.Ordinal);
        s = s.Replace("\u0003", "\\\\", StringComparison.Ordinal);
        if (s.Contains("circ", StringComparison.Ordinal) || s.Contains("degree", StringComparison.Ordinal) || s.Contains("{o}", StringComparison.Ordinal)) s = Degrees().Replace(s, "");
        s = s.Replace("\\lvert", "|", StringComparison.Ordinal).Replace("\\rvert", "|", StringComparison.Ordinal)
             .Replace("\\vert", "|", StringComparison.Ordinal).Replace("\\mid", "|", StringComparison.Ordinal);
        s = s.Replace("\\dfrac", "\\frac", StringComparison.Ordinal).Replace("\\tfrac", "\\frac", StringComparison.Ordinal).Replace("\\cfrac", "\\frac", StringComparison.Ordinal);
        s = s.Replace("\\dbinom", "\\binom", StringComparison.Ordinal).Replace("\\tbinom", "\\binom", StringComparison.Ordinal);
        if (s.Contains(',')) s = Thousands().Replace(s, m => m.Value.Replace(",", "", StringComparison.Ordinal));
        // "52_8", "4210_{5}": a numeral with its base; the digit string is the answer as written.
        if (s.Contains('_')) s = BaseSubscript().Replace(s, "$1");
        if (s.Contains('p')) s = PercentWord().Replace(s, "%");
        if (s.Contains(" and ", StringComparison.Ordinal) || s.Contains(" or ", StringComparison.Ordinal)) s = Connectives().Replace(s, ",");
        // "5 million" (PRM800K's normaliser does the same for billion and trillion).
        if (s.Contains("illion", StringComparison.Ordinal))
            s = s.Replace(" million", @" \times 10^{6}", StringComparison.Ordinal).Replace(" billion", @" \times 10^{9}", StringComparison.Ordinal).Replace(" trillion", @" \times 10^{12}", StringComparison.Ordinal);
        if (s.Contains(' ') && SpaceThousands().IsMatch(s)) s = s.Replace(" ", "", StringComparison.Ordinal);
        // "7 3/4" is the mixed number 7¾ (PRM800K's convention), not 7·3/4.
        if (s.Contains('/') && s.Contains(' ')) s = PlainMixedNumber().Replace(s, m => m.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).TrimStart('+') + @"\frac{" + m.Groups[2].Value + "}{" + m.Groups[3].Value + "}" + m.Groups[4].Value);
        // "x = 1/3 \approx 0.33": the approximation after an exact value is commentary.
        int approx = s.IndexOf("\\approx", StringComparison.Ordinal);
        if (approx > 0 && s.LastIndexOf('=', approx) >= 0) s = s[..approx];
        s = s.Trim();
        // "x \in [1,2]" and "x: 5" state the answer after the variable.
        if (s.Contains("\\in", StringComparison.Ordinal))
        {
            var inMatch = InPrefix().Match(s);
            if (inMatch.Success) s = s[inMatch.Length..];
        }
        s = StripTrailing(s);
        if (s.Length > 0 && (char.IsAsciiLetter(s[^1]) || s[^1] is '}' or '2' or '3'))
        {
            s = StripUnits(s);
            s = StripTrailing(s);
        }
        return s;
    }

    private static string StripTrailing(string s)
    {
        s = s.Trim();
        while (s.Length > 0 && (s[^1] is '.' or ',' or ';' or ':' || s.EndsWith("\\\\", StringComparison.Ordinal)))
        {
            if (s.EndsWith("..", StringComparison.Ordinal)) break; // an ellipsis is part of the answer, not punctuation
            s = s.EndsWith("\\\\", StringComparison.Ordinal) ? s[..^2].TrimEnd() : s[..^1].TrimEnd();
        }
        return s;
    }

    /// <summary>Removes trailing unit words ("5 cm^2", "12 dollars", "3 apples") after a numeric expression.</summary>
    private static string StripUnits(string s)
    {
        var cur = s;
        for (int guard = 0; guard < 8; guard++)
        {
            var m = TrailingWord().Match(cur);
            if (!m.Success) break;
            var word = m.Groups[2].Value;
            var head = cur[..m.Index].TrimEnd();
            if (head.Length == 0) break;
            bool known = Units.Contains(word);
            bool generic = word.Length >= 3 && char.IsAsciiLetterLower(word[0]) && char.IsAsciiDigit(head[^1]) && !IsFunctionWord(word)
                && m.Groups[1].Value.Length > 0 && OnlyNumberBefore(head);
            if (!(known || generic)) break;
            cur = head;
            // Commit only once what is left ends like a number or a closed group ("9 square units" → "9").
            if (char.IsAsciiDigit(cur[^1]) || cur[^1] is '}' or ')' or '%') s = cur;
        }
        return s;
    }

    private static bool OnlyNumberBefore(string head)
    {
        foreach (var ch in head) if (char.IsAsciiLetter(ch)) return false;
        return true;
    }

    private static bool IsFunctionWord(string w) => w is "sin" or "cos" or "tan" or "log" or "ln" or "exp" or "sqrt" or "pi" or "and" or "or";

    /// <summary>Replaces \text{..}, \mathrm{..}, \textbf{..}, ... by their content (one level at a time, iteratively).</summary>
    private static string UnwrapTextCommands(string s)
    {
        if (!s.Contains('\\')) return s;
        string[] wrappers = ["\\text", "\\textbf", "\\textit", "\\textrm", "\\mathrm", "\\mathbf", "\\mathit", "\\mbox", "\\operatorname", "\\boldsymbol", "\\bf", "\\rm", "\\textsf", "\\mathsf", "\\hbox", "\\textnormal", "\\textup", "\\boxed", "\\fbox"];
        var sb = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            if (s[i] == '\\')
            {
                int j = i + 1;
                while (j < s.Length && char.IsAsciiLetter(s[j])) j++;
                var cmd = s[i..j];
                if (Array.IndexOf(wrappers, cmd) >= 0)
                {
                    int k = j;
                    while (k < s.Length && s[k] == ' ') k++;
                    if (k < s.Length && s[k] == '{')
                    {
                        int close = MatchBrace(s, k);
                        if (close > k)
                        {
                            var inner = s[(k + 1)..close];
                            bool textual = cmd is "\\text" or "\\textbf" or "\\mbox" or "\\textit" or "\\textrm" or "\\textnormal";
                            // A word inside \text is kept as one symbol; "and"/"or" become separators.
                            sb.Append(textual ? " " + inner + " " : inner);
                            i = close + 1;
                            continue;
                        }
                    }
                    else if (cmd is "\\bf" or "\\rm") { i = j; continue; }
                }
                sb.Append(s, i, j - i);
                i = j;
                if (j == i) { }
                continue;
            }
            sb.Append(s[i]);
            i++;
        }
        return sb.ToString();
    }

    /// <summary>Index of the brace that closes the one at <paramref name="open"/>, or -1.</summary>
    public static int MatchBrace(string s, int open, int maxLength = int.MaxValue)
    {
        int level = 0;
        int end = (int)Math.Min(s.Length, (long)open + maxLength);
        for (int k = open; k < end; k++)
        {
            char c = s[k];
            if (c == '\\') { k++; continue; }
            if (c == '{') level++;
            else if (c == '}') { level--; if (level == 0) return k; }
        }
        return -1;
    }

    [GeneratedRegex(@"\\\\(?=[A-Za-z{}])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DoubleEscape();

    [GeneratedRegex(@"^\$?([-+]?\d+)(?:,|\{,\})(\d+)\$?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex DecimalCommaNumber();

    [GeneratedRegex(@"(?<=[\d}])\s*(?:percentage|percent|pct)\s*$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PercentWord();

    [GeneratedRegex(@"^([-+]?\d{1,3}(?: \d{3})+|[-+]?\d+) +(\d+)/(\d+)(\s*%?)$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex PlainMixedNumber();

    [GeneratedRegex(@"^-?[1-9]\d{0,2}(?: \d{3})+(?:\.\d+)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex SpaceThousands();

    [GeneratedRegex(@"(?<![A-Za-z\d.])(\d+)_\{?\d{1,2}\}?", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex BaseSubscript();

    [GeneratedRegex(@"(?<![\d.]|[(\[{,]\s*)([1-9]\d{0,2}(?:,\d{3})+)(?![\d]|\.\d*,|\s*[)\]}])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Thousands();

    [GeneratedRegex(@"(\d)(?:\\,|,\s*\\!\s*|\{,\}\s*)((?=\d{3}(?!\d)))", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex ThinSpaceThousands();

    [GeneratedRegex(@"\^\s*\{\s*\\circ\s*\}|\^\s*\\circ|\\circ|\\degree|\^\s*\{\s*o\s*\}", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Degrees();

    [GeneratedRegex(@"\s+(?:and|or)\s+|,\s*(?:and|or)\s+", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex Connectives();

    [GeneratedRegex(@"^[a-zA-Z]\s*\\in\s*", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 200)]
    private static partial Regex InPrefix();

    [GeneratedRegex(@"(\s*)\\?([A-Za-z]+)\s*(?:\^\s*\{?\s*[23]\s*\}?)?\s*$", RegexOptions.CultureInvariant | RegexOptions.RightToLeft, matchTimeoutMilliseconds: 200)]
    private static partial Regex TrailingWord();
}
