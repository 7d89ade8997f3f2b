using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Sift.Text;

/// <summary>
/// A .NET regex that sees characters outside the BMP as single code points, as Hugging Face's (Oniguruma)
/// regexes do. .NET matches UTF-16 code units, so <c>\p{L}</c> does not match U+20000 (a CJK letter
/// written as two surrogates) and a class like <c>[^\p{L}]</c> matches half of it. When a text holds
/// surrogates the regex runs on a proxy string in which each such code point is one BMP character of
/// the same general category, and the matches are mapped back. (The proxy characters are chosen so that
/// none occurs in the pattern; a pattern naming a BMP range that holds a proxy could still differ.)
/// </summary>
internal sealed class CodePointRegex
{
    private readonly Regex _regex;
    private readonly Lazy<char[]> _proxies;

    public CodePointRegex(string pattern, bool isRegex)
    {
        Pattern = pattern;
        IsRegex = isRegex;
        _regex = new Regex(isRegex ? pattern : Regex.Escape(pattern), RegexOptions.CultureInvariant | RegexOptions.Compiled);
        _proxies = new Lazy<char[]>(BuildProxies);
    }

    public string Pattern { get; }

    public bool IsRegex { get; }

    /// <summary>Appends the non-empty matches in text[start, start+length) as (start, length) in text's indices.</summary>
    public void Matches(string text, int start, int length, List<(int Start, int Length)> output)
    {
        ReadOnlySpan<char> slice = text.AsSpan(start, length);
        if (slice.IndexOfAnyInRange('\uD800', '\uDFFF') < 0)
        {
            foreach (var m in _regex.EnumerateMatches(slice))
            {
                if (m.Length > 0)
                    output.Add((start + m.Index, m.Length));
            }
            return;
        }
        char[] proxies = _proxies.Value;
        var proxy = new StringBuilder(length);
        var map = new List<int>(length + 1);
        for (int i = 0; i < length;)
        {
            map.Add(start + i);
            if (Rune.DecodeFromUtf16(slice[i..], out Rune r, out int used) == System.Buffers.OperationStatus.Done && used == 2)
                proxy.Append(proxies[(int)Rune.GetUnicodeCategory(r)]);
            else
                proxy.Append(slice[i]);
            i += Math.Max(used, 1);
        }
        map.Add(start + length);
        foreach (var m in _regex.EnumerateMatches(proxy.ToString()))
        {
            if (m.Length > 0)
                output.Add((map[m.Index], map[m.Index + m.Length] - map[m.Index]));
        }
    }

    /// <summary>Every match replaced by <paramref name="content"/>.</summary>
    public string Replace(string text, string content)
    {
        var matches = new List<(int Start, int Length)>();
        Matches(text, 0, text.Length, matches);
        if (matches.Count == 0)
            return text;
        var sb = new StringBuilder(text.Length + matches.Count * content.Length);
        int pos = 0;
        foreach (var (s, l) in matches)
        {
            sb.Append(text, pos, s - pos).Append(content);
            pos = s + l;
        }
        return sb.Append(text, pos, text.Length - pos).ToString();
    }

    private char[] BuildProxies()
    {
        var proxies = new char[32];
        for (int cat = 0; cat < proxies.Length; cat++)
        {
            for (int c = 0x100; c <= 0xFFFD; c++)
            {
                char ch = (char)c;
                if (char.IsSurrogate(ch) || (int)char.GetUnicodeCategory(ch) != cat)
                    continue;
                if (Pattern.Contains(ch, StringComparison.Ordinal) || Pattern.Contains(char.ToLowerInvariant(ch), StringComparison.Ordinal) || Pattern.Contains(char.ToUpperInvariant(ch), StringComparison.Ordinal))
                    continue;
                proxies[cat] = ch;
                break;
            }
            if (proxies[cat] == '\0')
                proxies[cat] = '\uFFFD';
        }
        return proxies;
    }
}
