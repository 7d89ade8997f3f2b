using System.Globalization;
using System.Text;

namespace Sift.Text;

/// <summary>
/// Finds added tokens in text as Hugging Face's AddedVocabulary::find_matches does: leftmost-longest
/// matches (its Aho-Corasick automaton's MatchKind::LeftmostLongest), non-overlapping, scanning on after
/// each match (also after one discarded by <c>single_word</c>); <c>lstrip</c>/<c>rstrip</c> widen a match
/// over the white space (regex <c>\s</c>) beside it. Word characters for single_word are regex <c>\w</c>.
/// </summary>
internal sealed class AddedTokenSplitter
{
    private readonly Dictionary<char, (string Pattern, AddedToken Token)[]> _byFirstChar;

    /// <param name="patterns">Each token with the text to look for (its content, or its normalized content).</param>
    public AddedTokenSplitter(IEnumerable<(string Pattern, AddedToken Token)> patterns)
    {
        _byFirstChar = patterns
            .Where(p => p.Pattern.Length > 0)
            .GroupBy(p => p.Pattern[0])
            .ToDictionary(g => g.Key, g => g.OrderByDescending(p => p.Pattern.Length).ToArray());
    }

    public bool IsEmpty => _byFirstChar.Count == 0;

    /// <summary>
    /// The matches in <paramref name="text"/> as (start, end, token), in order; tokens for which
    /// <paramref name="skip"/> is true are not looked for.
    /// </summary>
    public List<(int Start, int End, AddedToken Token)> Find(string text, Func<AddedToken, bool> skip)
    {
        var found = new List<(int, int, AddedToken)>();
        if (IsEmpty || text.Length == 0)
            return found;
        int startOffset = 0;
        int i = 0;
        while (i < text.Length)
        {
            if (!_byFirstChar.TryGetValue(text[i], out var candidates))
            {
                i++;
                continue;
            }
            AddedToken? hit = null;
            int len = 0;
            foreach (var (p, t) in candidates)
            {
                if (!skip(t) && string.CompareOrdinal(text, i, p, 0, p.Length) == 0)
                {
                    hit = t;
                    len = p.Length;
                    break; // longest first
                }
            }
            if (hit is null)
            {
                i++;
                continue;
            }
            int start = i, stop = i + len;
            i = stop;
            if (hit.SingleWord)
            {
                bool startSpace = start == 0 || !EndsWithWord(text, start);
                bool stopSpace = stop == text.Length || !StartsWithWord(text, stop);
                if (!startSpace || !stopSpace)
                    continue;
            }
            if (hit.Lstrip)
            {
                int s = start;
                while (s > 0 && IsSpaceBefore(text, s, out int w))
                    s -= w;
                start = Math.Max(s, startOffset);
            }
            if (hit.Rstrip)
            {
                while (stop < text.Length && IsSpaceAt(text, stop, out int w))
                    stop += w;
            }
            found.Add((start, stop, hit));
            startOffset = stop;
        }
        return found;
    }

    private static bool IsSpaceAt(string s, int i, out int width)
    {
        width = 1;
        if (Rune.DecodeFromUtf16(s.AsSpan(i), out Rune r, out int n) != System.Buffers.OperationStatus.Done)
            return false;
        width = n;
        return Rune.IsWhiteSpace(r);
    }

    private static bool IsSpaceBefore(string s, int end, out int width)
    {
        width = 1;
        if (Rune.DecodeLastFromUtf16(s.AsSpan(0, end), out Rune r, out int n) != System.Buffers.OperationStatus.Done)
            return false;
        width = n;
        return Rune.IsWhiteSpace(r);
    }

    private static bool EndsWithWord(string s, int end) =>
        Rune.DecodeLastFromUtf16(s.AsSpan(0, end), out Rune r, out _) == System.Buffers.OperationStatus.Done && IsWord(r);

    private static bool StartsWithWord(string s, int start) =>
        Rune.DecodeFromUtf16(s.AsSpan(start), out Rune r, out _) == System.Buffers.OperationStatus.Done && IsWord(r);

    // Rust regex's Unicode \w: Alphabetic, marks, decimal digits, connector punctuation, joiners.
    private static bool IsWord(Rune r)
    {
        if (r.Value is 0x200C or 0x200D)
            return true;
        var c = Rune.GetUnicodeCategory(r);
        return PreTokenizerStep.IsLetter(c) || c is UnicodeCategory.LetterNumber or UnicodeCategory.DecimalDigitNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.ConnectorPunctuation;
    }
}
