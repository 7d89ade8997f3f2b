using System.Globalization;

namespace Sift.Data;

/// <summary>
/// Minimal gold-answer extraction for reading datasets. The full extractor (model outputs, LaTeX)
/// lives in Sift.Grading; this one only has to read well-formed reference solutions.
/// </summary>
internal static class AnswerText
{
    /// <summary>GSM8K: text after the last <c>#### </c> up to the end of its line, commas removed; null when absent.</summary>
    public static string? AfterHashes(string solution)
    {
        var at = solution.LastIndexOf("####", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }
        var rest = solution[(at + 4)..];
        var newline = rest.IndexOf('\n', StringComparison.Ordinal);
        if (newline >= 0)
        {
            rest = rest[..newline];
        }
        var answer = rest.Replace(",", "", StringComparison.Ordinal).Trim();
        return answer.Length == 0 ? null : answer;
    }

    /// <summary>Content of the last <c>\boxed{...}</c> (or <c>\fbox{...}</c>), matching nested braces; null when absent or unbalanced.</summary>
    public static string? LastBoxed(string text)
    {
        var at = Math.Max(text.LastIndexOf("\\boxed", StringComparison.Ordinal), text.LastIndexOf("\\fbox", StringComparison.Ordinal));
        if (at < 0)
        {
            return null;
        }
        var open = at + (string.CompareOrdinal(text, at, "\\boxed", 0, 6) == 0 ? 6 : 5);
        while (open < text.Length && text[open] == ' ')
        {
            open++;
        }
        if (open >= text.Length || text[open] != '{')
        {
            // "\boxed 5" form: the next token up to whitespace or '$'.
            var tail = text[open..];
            var end = tail.IndexOfAny([' ', '$', '\n']);
            var token = end < 0 ? tail : tail[..end];
            return token.Length == 0 ? null : token;
        }
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++; // an escaped brace never opens or closes a group
                continue;
            }
            if (text[i] == '{')
            {
                depth++;
            }
            else if (text[i] == '}' && --depth == 0)
            {
                return text[(open + 1)..i];
            }
        }
        return null;
    }

    /// <summary>A number as a short invariant string: integral values lose their ".0".</summary>
    public static string FormatNumber(double value)
        => value == Math.Floor(value) && Math.Abs(value) < 1e15
            ? ((long)value).ToString(CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Drops a trailing unit in parentheses, as ASDiv writes <c>"9 (apples)"</c>.</summary>
    public static string DropUnit(string answer)
    {
        var trimmed = answer.Trim();
        var paren = trimmed.IndexOf(" (", StringComparison.Ordinal);
        return paren > 0 && trimmed.EndsWith(')') ? trimmed[..paren].Trim() : trimmed;
    }
}
