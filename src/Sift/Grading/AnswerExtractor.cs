namespace Sift.Grading;

/// <summary>
/// Finds the final answer in a model response or reference solution. Priorities follow
/// Math-Verify: explicit markers first, and within a level the last match wins:
/// 1. \boxed{..} / \fbox{..} (nested braces); 2. GSM8K "#### N"; 3. "final answer is / the answer is /
/// answer:" phrases; 4. a bold **N**; 5. "A: N" lines; 6. the whole text when it is itself a bare
/// answer; 7. the last number (switchable).
/// </summary>
internal static class AnswerExtractor
{
    private static readonly string[] Phrases =
    [
        "final answer is", "final answer:", "final answer", "the answer is", "answer is", "answer:", "answer =", "solution is", "result is",
    ];

    public static string? Extract(string text, GraderOptions o)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > o.MaxInputLength) return null;
        var boxed = LastBoxed(text);
        if (boxed is not null) return Clean(boxed);

        int hash = text.LastIndexOf("####", StringComparison.Ordinal);
        if (hash >= 0)
        {
            var rest = RestOfLine(text, hash + 4);
            var c = Clean(rest);
            if (c.Length > 0) return c;
        }

        var phrase = AfterPhrase(text);
        if (phrase is not null) return phrase;

        var bold = LastBold(text);
        if (bold is not null) return bold;

        var a = LastAnswerLine(text);
        if (a is not null) return a;

        var trimmed = text.Trim();
        if (LooksLikeBareAnswer(trimmed)) return Clean(trimmed);

        if (o.AllowLastNumberFallback) return LastNumber(text);
        return null;
    }

    /// <summary>Content of the last \boxed / \fbox, null if none is complete.</summary>
    public static string? LastBoxed(string text)
    {
        int b = text.LastIndexOf("\\boxed", StringComparison.Ordinal);
        int f = text.LastIndexOf("\\fbox", StringComparison.Ordinal);
        while (b >= 0 || f >= 0)
        {
            int at = Math.Max(b, f);
            int len = at == b ? 6 : 5;
            int k = at + len;
            while (k < text.Length && text[k] == ' ') k++;
            if (k < text.Length && text[k] == '{')
            {
                int close = AnswerNormalizer.MatchBrace(text, k);
                if (close > k) return text[(k + 1)..close];
            }
            else if (k > at + len && k < text.Length)
            {
                // "\boxed 5": one token up to whitespace or '$'.
                int e = k;
                while (e < text.Length && !char.IsWhiteSpace(text[e]) && text[e] != '$') e++;
                if (e > k) return text[k..e];
            }
            if (at == b) b = at == 0 ? -1 : text.LastIndexOf("\\boxed", at - 1, StringComparison.Ordinal);
            else f = at == 0 ? -1 : text.LastIndexOf("\\fbox", at - 1, StringComparison.Ordinal);
        }
        return null;
    }

    private static string RestOfLine(string text, int from)
    {
        int nl = text.IndexOf('\n', from);
        return nl < 0 ? text[from..] : text[from..nl];
    }

    private static string? AfterPhrase(string text)
    {
        int bestEnd = -1;
        foreach (var ph in Phrases)
        {
            int at = text.LastIndexOf(ph, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && at + ph.Length > bestEnd) bestEnd = at + ph.Length;
        }
        if (bestEnd < 0) return null;
        var rest = RestOfLine(text, bestEnd);
        if (rest.Trim().Length == 0)
        {
            // "Final Answer:\n$5$": the answer is on the next non-empty line.
            int nl = text.IndexOf('\n', bestEnd);
            while (nl >= 0 && nl + 1 < text.Length)
            {
                rest = RestOfLine(text, nl + 1);
                if (rest.Trim().Length > 0) break;
                nl = text.IndexOf('\n', nl + 1);
            }
        }
        var c = CleanSentence(rest);
        return c.Length == 0 ? null : c;
    }

    /// <summary>The answer part of "... is $x$ because ..." or "... is 42. So ...".</summary>
    private static string CleanSentence(string s)
    {
        s = s.Trim().TrimStart(':', ' ', '*').Trim();
        if (s.StartsWith("is ", StringComparison.OrdinalIgnoreCase)) s = s[3..];
        var math = FirstMath(s);
        if (math is not null) return Clean(math);
        // Cut at the end of the sentence: ". " or a final "." not inside a number.
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] == '.' && (k + 1 == s.Length || char.IsWhiteSpace(s[k + 1])) && !(k + 1 < s.Length && k > 0 && char.IsAsciiDigit(s[k - 1]) && k + 1 < s.Length && char.IsAsciiDigit(s[k + 1])))
            {
                s = s[..k];
                break;
            }
        }
        return Clean(s.TrimEnd('*').Trim());
    }

    /// <summary>Content of the first $..$, $$..$$, \(..\) or \[..\] in s, or null.</summary>
    private static string? FirstMath(string s)
    {
        int d = s.IndexOf('$');
        int p = s.IndexOf("\\(", StringComparison.Ordinal);
        int q = s.IndexOf("\\[", StringComparison.Ordinal);
        int first = Min(d, Min(p, q));
        if (first < 0) return null;
        if (first == d)
        {
            int open = d + (d + 1 < s.Length && s[d + 1] == '$' ? 2 : 1);
            int close = s.IndexOf('$', open);
            return close > open ? s[open..close] : null;
        }
        var closer = first == p ? "\\)" : "\\]";
        int e = s.IndexOf(closer, first + 2, StringComparison.Ordinal);
        return e > first + 2 ? s[(first + 2)..e] : null;
    }

    private static int Min(int a, int b) => a < 0 ? b : b < 0 ? a : Math.Min(a, b);

    private static string? LastBold(string text)
    {
        int end = text.LastIndexOf("**", StringComparison.Ordinal);
        while (end > 0)
        {
            int start = text.LastIndexOf("**", end - 1, StringComparison.Ordinal);
            if (start < 0) return null;
            var inner = text[(start + 2)..end];
            if (inner.Length is > 0 and <= 80 && !inner.Contains('\n') && inner.Any(char.IsAsciiDigit))
            {
                var ph = AfterPhrase(inner);
                return ph ?? Clean(inner);
            }
            end = start;
        }
        return null;
    }

    private static string? LastAnswerLine(string text)
    {
        int at = text.LastIndexOf("\nA:", StringComparison.Ordinal);
        int from;
        if (at >= 0) from = at + 3;
        else if (text.StartsWith("A:", StringComparison.Ordinal)) from = 2;
        else return null;
        var c = CleanSentence(RestOfLine(text, from));
        return c.Length == 0 ? null : c;
    }

    /// <summary>A short text that is math or a word or two, not prose (no two consecutive plain words).</summary>
    private static bool LooksLikeBareAnswer(string s)
    {
        if (s.Length == 0 || s.Length > 300 || s.Contains('\n')) return false;
        int words = 0;
        for (int i = 0; i < s.Length;)
        {
            if (s[i] == '\\')
            {
                i++;
                if (i < s.Length && !char.IsAsciiLetter(s[i])) { i++; continue; }
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                continue;
            }
            if (char.IsAsciiLetter(s[i]))
            {
                int st = i;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                if (i - st >= 2 && s.Substring(st, i - st) is not ("and" or "or" or "text" or "pi")) { words++; if (words >= 3) return false; }
                continue;
            }
            if (s[i] is '.' or '!' or '?' && i + 1 < s.Length && s[i + 1] == ' ') return false;
            i++;
        }
        return true;
    }

    /// <summary>The last number in the text (sign, thousands separators, decimals and a/b fractions kept).</summary>
    public static string? LastNumber(string text)
    {
        int k = text.Length - 1;
        while (k >= 0 && !char.IsAsciiDigit(text[k])) k--;
        if (k < 0) return null;
        int end = k + 1;
        int start = k;
        while (start > 0)
        {
            char c = text[start - 1];
            if (char.IsAsciiDigit(c)) { start--; continue; }
            if ((c == '.' || c == ',' || c == '/') && start - 2 >= 0 && char.IsAsciiDigit(text[start - 2])) { start--; continue; }
            break;
        }
        if (start > 0 && text[start - 1] == '-') start--;
        var num = text[start..end].Replace(",", "", StringComparison.Ordinal);
        return num;
    }

    /// <summary>Trims delimiters and punctuation around an extracted answer.</summary>
    public static string Clean(string s)
    {
        s = s.Trim();
        for (int guard = 0; guard < 4; guard++)
        {
            var before = s;
            if (s.StartsWith("$$", StringComparison.Ordinal) && s.EndsWith("$$", StringComparison.Ordinal) && s.Length >= 4) s = s[2..^2];
            else if (s.StartsWith('$') && s.EndsWith('$') && s.Length >= 2) s = s[1..^1];
            else if ((s.StartsWith("\\(", StringComparison.Ordinal) && s.EndsWith("\\)", StringComparison.Ordinal)) || (s.StartsWith("\\[", StringComparison.Ordinal) && s.EndsWith("\\]", StringComparison.Ordinal))) s = s[2..^2];
            s = s.Trim().TrimEnd('.', ',', ';').Trim();
            if (s.EndsWith('$') && !s.StartsWith('$') && s.Count(ch => ch == '$') == 1) s = s[..^1].Trim();
            if (s.StartsWith('$') && s.Count(ch => ch == '$') == 1) s = s[1..].Trim();
            if (s == before) break;
        }
        return s;
    }
}
