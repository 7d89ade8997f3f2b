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
        "答案是", "答案为", "答案：",
    ];

    public static string? Extract(string text, GraderOptions o)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > o.MaxInputLength) return null;
        var boxed = LastBoxedGroup(text, out int boxEnd);
        if (boxed is not null)
        {
            // "\boxed{3} for part (a) ... The final answer is 5": a final-answer sentence after the last
            // box overrides it (the box held an intermediate result).
            var after = boxEnd + 1 < text.Length ? FinalAnswerAfter(text, boxEnd + 1) : null;
            return after ?? Clean(boxed);
        }

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

        var math = LastMathJoined(text);
        if (math is not null) return Clean(math);

        if (o.AllowLastNumberFallback) return LastNumber(text);
        return null;
    }

    /// <summary>Content of the last \boxed / \fbox, null if none is complete.</summary>
    public static string? LastBoxed(string text) => LastBoxed(text, out _);

    private static string? LastBoxed(string text, out int position)
    {
        position = -1;
        int b = text.LastIndexOf("\\boxed", StringComparison.Ordinal);
        int f = text.LastIndexOf("\\fbox", StringComparison.Ordinal);
        for (int attempt = 0; attempt < 64 && (b >= 0 || f >= 0); attempt++)
        {
            int at = Math.Max(b, f);
            int len = at == b ? 6 : 5;
            int k = at + len;
            while (k < text.Length && text[k] == ' ') k++;
            if (k < text.Length && text[k] == '{')
            {
                int close = AnswerNormalizer.MatchBrace(text, k, 100_000);
                if (close > k) { position = at; return text[(k + 1)..close]; }
            }
            else if (k > at + len && k < text.Length)
            {
                // "\boxed 5": one token up to whitespace or '$'.
                int e = k;
                while (e < text.Length && !char.IsWhiteSpace(text[e]) && text[e] != '$') e++;
                if (e > k) { position = at; return text[k..e]; }
            }
            if (at == b) b = at == 0 ? -1 : text.LastIndexOf("\\boxed", at - 1, StringComparison.Ordinal);
            else f = at == 0 ? -1 : text.LastIndexOf("\\fbox", at - 1, StringComparison.Ordinal);
        }
        return null;
    }

    /// <summary>
    /// The last \boxed answer, joined with the boxes right before it when only separators stand
    /// between them ("\boxed{-2} and \boxed{1}" → "-2, 1").
    /// </summary>
    private static string? LastBoxedGroup(string text, out int end)
    {
        end = -1;
        var last = LastBoxed(text, out int at);
        if (last is null) return null;
        int brace = text.IndexOf('{', at);
        end = brace < 0 ? at : AnswerNormalizer.MatchBrace(text, brace, 100_000);
        if (end < 0) end = at;
        var parts = new List<string> { last };
        for (int guard = 0; guard < 16 && at > 0; guard++)
        {
            var prev = LastBoxed(text[..at], out int prevAt);
            if (prev is null) break;
            int prevEnd = prevAt + 6;
            int close = AnswerNormalizer.MatchBrace(text, text.IndexOf('{', prevEnd), 100_000);
            if (close < 0 || close >= at) break;
            var gap = text[(close + 1)..at];
            if (!IsJoiningGap(gap)) break;
            parts.Insert(0, prev);
            at = prevAt;
        }
        return parts.Count == 1 ? last : string.Join(", ", parts);
    }

    private static readonly string[] FinalPhrases = ["final answer is", "final answer:", "the answer is"];

    /// <summary>
    /// The answer of a "final answer is / the answer is" sentence in text[from..], when that sentence
    /// holds math ($..$) or is itself a bare answer; null otherwise (prose such as "The answer is
    /// correct because ..." must not override a box).
    /// </summary>
    private static string? FinalAnswerAfter(string text, int from)
    {
        if (text.Length - from > 2000 || text.IndexOf("answer", from, StringComparison.OrdinalIgnoreCase) < 0) return null;
        int bestEnd = -1;
        foreach (var ph in FinalPhrases)
        {
            int at = text.LastIndexOf(ph, text.Length - 1, text.Length - from, StringComparison.OrdinalIgnoreCase);
            if (at >= 0 && at + ph.Length > bestEnd) bestEnd = at + ph.Length;
        }
        if (bestEnd < 0) return null;
        var rest = RestOfLine(text, bestEnd).Trim().TrimStart(':', ' ', '*').Trim();
        if (rest.Contains("\\boxed", StringComparison.Ordinal) || rest.Contains("\\fbox", StringComparison.Ordinal)) return null;
        // The first sentence only: up to ". " or a final "." outside math.
        bool inMath = false;
        for (int k = 0; k < rest.Length; k++)
        {
            if (rest[k] == '$') inMath = !inMath;
            if (!inMath && rest[k] == '.' && (k + 1 == rest.Length || char.IsWhiteSpace(rest[k + 1]))) { rest = rest[..k]; break; }
        }
        var math = LastMath(rest);
        // "The answer is $5$" / "... is therefore $5$", not "The answer is in square units, $\text{cm}^2$":
        // at most one word may stand before the math.
        int firstMath = rest.IndexOfAny(['$', '\\']);
        if (math is not null && firstMath > 0 && WordCount(rest.AsSpan(0, firstMath)) > 1) return null;
        var answer = math is not null ? Clean(math) : Clean(rest.TrimEnd('*').Trim());
        if (answer.Length == 0 || !answer.Any(char.IsAsciiDigit)) return null;
        if (math is null && !LooksLikeBareAnswer(answer)) return null;
        return answer;
    }

    /// <summary>Plain words of three letters or more.</summary>
    private static int WordCount(ReadOnlySpan<char> s)
    {
        int words = 0, run = 0;
        foreach (var c in s)
        {
            if (char.IsAsciiLetter(c)) { run++; continue; }
            if (run >= 3) words++;
            run = 0;
        }
        return run >= 3 ? words + 1 : words;
    }

    // Words that turn the text between two boxes into a new statement ("\boxed{3} is wrong, so \boxed{5}").
    private static readonly HashSet<string> Discourse = new(StringComparer.OrdinalIgnoreCase)
    {
        "so", "thus", "therefore", "hence", "but", "wait", "actually", "not", "no", "instead", "wrong", "incorrect",
        "correct", "is", "was", "are", "were", "becomes", "gives", "then", "answer", "final", "check", "which", "however",
    };

    /// <summary>
    /// Text between two boxes that keeps them one answer: separators, or a few words naming what each
    /// box counts ("\boxed{1} papers and \boxed{2} bins", "x = \boxed{2}, y = \boxed{3}"), with no
    /// digit, sentence end, line break or discourse word.
    /// </summary>
    private static bool IsJoiningGap(string gap)
    {
        if (IsSeparator(gap)) return true;
        if (gap.Contains('\n') || gap.Length > 60) return false;
        int words = 0;
        for (int i = 0; i < gap.Length;)
        {
            char c = gap[i];
            if (char.IsAsciiDigit(c) && !(i > 0 && gap[i - 1] is '_' or '{')) return false;
            if (c is '.' or '?' or '!' or ':' && (i + 1 == gap.Length || char.IsWhiteSpace(gap[i + 1]))) return false;
            if (char.IsAsciiLetter(c))
            {
                int st = i;
                while (i < gap.Length && char.IsAsciiLetter(gap[i])) i++;
                var w = gap[st..i];
                bool command = st > 0 && gap[st - 1] == '\\';
                if (!command && Discourse.Contains(w)) return false;
                if (!command && w.Length >= 2 && ++words > 4) return false;
                continue;
            }
            i++;
        }
        return true;
    }

    private static bool IsSeparator(string gap)
    {
        var g = gap.Replace("\\text{", "", StringComparison.Ordinal).Replace("\\quad", "", StringComparison.Ordinal).Replace("\\(", "", StringComparison.Ordinal).Replace("\\)", "", StringComparison.Ordinal)
            .Replace("and", "", StringComparison.Ordinal).Replace("or", "", StringComparison.Ordinal);
        foreach (var c in g) if (!(char.IsWhiteSpace(c) || c is ',' or ';' or '$' or '}' or '\\')) return false;
        return true;
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

    /// <summary>The answer part of "... is $x$ because ..." or "The largest $n$ is 34. I hope ...".</summary>
    private static string CleanSentence(string s)
    {
        s = s.Trim().TrimStart(':', ' ', '*').Trim();
        if (s.StartsWith("is ", StringComparison.OrdinalIgnoreCase)) s = s[3..];
        // Keep the first sentence: cut at ". " (or a final ".") that is not a decimal point or inside math.
        bool inMath = false;
        for (int k = 0; k < s.Length; k++)
        {
            if (s[k] == '$') inMath = !inMath;
            if (!inMath && (s[k] is '\u3002' or '\uFF0C' || (s[k] == '.' && (k + 1 == s.Length || char.IsWhiteSpace(s[k + 1])))))
            {
                s = s[..k];
                break;
            }
        }
        // "The largest $n$ is 34": the answer follows the last " is ".
        int isAt = s.LastIndexOf(" is ", StringComparison.OrdinalIgnoreCase);
        if (isAt >= 0 && CountOutsideMath(s, isAt)) s = s[(isAt + 4)..];
        var math = LastMathJoined(s);
        if (math is not null) return Clean(math);
        var plain = Clean(s.TrimEnd('*').Trim());
        if (LooksLikeBareAnswer(plain)) return plain;
        return LastNumber(plain) ?? plain;
    }

    private static bool CountOutsideMath(string s, int at)
    {
        int dollars = 0;
        for (int k = 0; k < at; k++) if (s[k] == '$') dollars++;
        return dollars % 2 == 0;
    }

    /// <summary>Content of the last $..$, $$..$$, \(..\) or \[..\] in s, or null.</summary>
    public static string? LastMath(string s) => LastMath(s, false);

    /// <summary>
    /// The last math segment, joined with the segments right before it when only separators (commas,
    /// "and", "or") stand between them: "$x=1$ and $x=2$" → "x=1, x=2".
    /// </summary>
    private static string? LastMathJoined(string s) => LastMath(s, true);

    private static string? LastMath(string s, bool join)
    {
        string? last = null;
        // Recent segments as (start of opening delimiter, end after closing delimiter, content), for joining.
        var recent = join ? new List<(int Start, int End, string Inner)>(4) : null;
        int k = 0;
        int nd = -2, np = -2, nq = -2; // cached next positions; -1 = none left, -2 = not yet searched
        for (int guard = 0; guard < 100_000 && k < s.Length; guard++)
        {
            if (nd != -1 && nd < k) nd = s.IndexOf('$', k);
            if (np != -1 && np < k) np = s.IndexOf("\\(", k, StringComparison.Ordinal);
            if (nq != -1 && nq < k) nq = s.IndexOf("\\[", k, StringComparison.Ordinal);
            int first = Min(nd, Min(np, nq));
            if (first < 0) break;
            if (first == nd)
            {
                int d = nd;
                bool display = d + 1 < s.Length && s[d + 1] == '$';
                int open = d + (display ? 2 : 1);
                int close = display ? s.IndexOf("$$", open, StringComparison.Ordinal) : s.IndexOf('$', open);
                if (close < 0) break;
                // An escaped \$ inside is a dollar sign, not a delimiter.
                while (!display && s[close - 1] == '\\' && close + 1 < s.Length) { int nx = s.IndexOf('$', close + 1); if (nx < 0) break; close = nx; }
                var inner = s[open..close];
                if (!display && IsProse(inner))
                {
                    // "$2 each, so she makes $18": currency signs, not math delimiters.
                    k = d + 1;
                    continue;
                }
                if (inner.Trim().Length > 0 && (display || !inner.Contains('\n'))) { last = inner; Remember(recent, d, close + (display ? 2 : 1), inner); }
                k = close + (display ? 2 : 1);
            }
            else
            {
                var closer = first == np ? "\\)" : "\\]";
                int e = s.IndexOf(closer, first + 2, StringComparison.Ordinal);
                if (e < 0) break;
                var inner = s[(first + 2)..e];
                if (inner.Trim().Length > 0 && (first == nq || !inner.Contains('\n'))) { last = inner; Remember(recent, first, e + 2, inner); }
                k = e + 2;
            }
        }
        if (recent is null || recent.Count < 2) return last;
        int n = recent.Count - 1;
        while (n > 0 && IsSeparator(s[recent[n - 1].End..recent[n].Start]) && s[recent[n - 1].End..recent[n].Start].Trim().Length > 0) n--;
        if (n == recent.Count - 1) return last;
        return string.Join(", ", recent.Skip(n).Select(r => r.Inner.Trim()));
    }

    private static void Remember(List<(int Start, int End, string Inner)>? recent, int start, int end, string inner)
    {
        if (recent is null) return;
        // Only the segments that can still join the last one are kept; a non-separator gap resets the run.
        if (recent.Count == 16) recent.RemoveAt(0);
        recent.Add((start, end, inner));
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
        if (HasTextOutsideMath(s)) return false;
        foreach (var ch in s) if (ch >= '\u2E80' && char.IsLetter(ch)) return false; // CJK prose ("答案是 5")
        int balance = 0;
        foreach (var ch in s) { if (ch == '{') balance++; else if (ch == '}') balance--; }
        if (balance != 0 || s.Contains("\\boxed", StringComparison.Ordinal)) return false;
        // Plain words (2+ letters, not LaTeX commands): a text answer may be only words ("No solution");
        // a math answer may carry one trailing word, a unit ("5 apples"). "So x = 5" is prose.
        int words = 0, lastWordEnd = -1;
        bool math = false;
        for (int i = 0; i < s.Length;)
        {
            if (s[i] == '\\')
            {
                math = true;
                i++;
                if (i < s.Length && !char.IsAsciiLetter(s[i])) { i++; continue; }
                int cs = i;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                if (s.AsSpan(cs, i - cs) is "text" or "mbox" or "textbf" or "mathrm" or "begin" or "end" or "operatorname" or "mathbf")
                {
                    // \text{...} content counts as words of its own: skip the group.
                    if (i < s.Length && s[i] == '{') { int close = AnswerNormalizer.MatchBrace(s, i, 300); if (close > i) i = close + 1; }
                }
                continue;
            }
            if (char.IsAsciiLetter(s[i]))
            {
                int st = i;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                var w = s.AsSpan(st, i - st);
                // Two or three capitals are point names in geometry answers (AB, NO, ABC), not words.
                bool pointName = w.Length <= 3 && IsAllUpper(w);
                if (w.Length >= 2 && !pointName && !(w is "and" or "or" or "pi" or "sin" or "cos" or "tan" or "log" or "ln" or "exp" or "sqrt" or "infty" or "inf"))
                {
                    words++;
                    lastWordEnd = i;
                    if (words >= 4) return false;
                }
                else math = true;
                continue;
            }
            if (s[i] is '.' or '!' or '?' && i + 1 < s.Length && s[i + 1] == ' ') return false;
            if (!char.IsWhiteSpace(s[i]) && s[i] is not (',' or '\'' or '(' or ')')) math = true;
            i++;
        }
        if (words == 0 || !math) return true;
        // Mixed math and words: only a single trailing unit word is allowed.
        return words == 1 && s.AsSpan(lastWordEnd).Trim().Length <= 4;
    }

    private static bool IsAllUpper(ReadOnlySpan<char> w)
    {
        foreach (var c in w) if (!char.IsAsciiLetterUpper(c)) return false;
        return true;
    }

    /// <summary>Two or more plain words of three letters or more (outside LaTeX commands and \text).</summary>
    private static bool IsProse(string s)
    {
        if (s.Contains("\\begin", StringComparison.Ordinal)) return false;
        int words = 0;
        for (int i = 0; i < s.Length;)
        {
            if (s[i] == '\\')
            {
                i++;
                int st = i;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                if (s.AsSpan(st, i - st) is "text" or "mbox" or "textbf") return false;
                continue;
            }
            if (char.IsAsciiLetter(s[i]))
            {
                int st = i;
                while (i < s.Length && char.IsAsciiLetter(s[i])) i++;
                if (i - st >= 3 && ++words >= 2) return true;
                continue;
            }
            i++;
        }
        return false;
    }

    /// <summary>True when s mixes math delimiters with other text ("Answer $9$").</summary>
    private static bool HasTextOutsideMath(string s)
    {
        s = s.Replace("\\$", "", StringComparison.Ordinal);
        if (s.IndexOf('$') < 0 && !s.Contains("\\[", StringComparison.Ordinal) && !s.Contains("\\(", StringComparison.Ordinal)) return false;
        var c = Clean(s);
        return c.Contains('$') || c.Contains("\\[", StringComparison.Ordinal) || c.Contains("\\(", StringComparison.Ordinal);
    }

    /// <summary>The last number in the text (sign, thousands separators, decimals and a/b fractions kept).</summary>
    public static string? LastNumber(string text)
    {
        int k = text.Length - 1;
        while (true)
        {
            while (k >= 0 && !char.IsAsciiDigit(text[k])) k--;
            if (k < 0) return null;
            // Skip digits glued to letters (identifiers such as x2, H2O, AZYUK2A).
            int st = k;
            while (st > 0 && (char.IsAsciiDigit(text[st - 1]) || text[st - 1] is '.' or ',')) st--;
            if (st > 0 && char.IsAsciiLetter(text[st - 1]) && !(st > 1 && text[st - 2] == '\\')) { k = st - 1; continue; }
            if (k + 1 < text.Length && char.IsAsciiLetter(text[k + 1]) && st > 0 && char.IsAsciiLetter(text[st - 1])) { k = st - 1; continue; }
            break;
        }
        int end = k + 1;
        int start = k;
        while (start > 0)
        {
            char c = text[start - 1];
            if (char.IsAsciiDigit(c)) { start--; continue; }
            if ((c == '.' || c == ',' || c == '/') && start - 2 >= 0 && char.IsAsciiDigit(text[start - 2])) { start--; continue; }
            break;
        }
        bool negative = start > 0 && (text[start - 1] == '-' || text[start - 1] == '\u2212');
        var num = text[start..end].Replace(",", "", StringComparison.Ordinal);
        if (negative) num = "-" + num;
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
            s = s.Trim();
            while (s.Length > 0 && s[^1] is '.' or ',' or ';' && !s.EndsWith("..", StringComparison.Ordinal)) s = s[..^1].TrimEnd();
            if (s.EndsWith('$') && !s.StartsWith('$') && s.Count(ch => ch == '$') == 1) s = s[..^1].Trim();
            if (s.StartsWith('$') && s.Count(ch => ch == '$') == 1) s = s[1..].Trim();
            if (s == before) break;
        }
        return s;
    }
}
