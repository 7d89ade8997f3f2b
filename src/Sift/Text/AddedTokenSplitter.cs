using System.Buffers;
using System.Globalization;
using System.Text;

namespace Sift.Text;

/// <summary>
/// Finds added tokens in text as Hugging Face's AddedVocabulary::find_matches does: leftmost-longest
/// matches (its Aho-Corasick automaton's MatchKind::LeftmostLongest), non-overlapping, scanning on after
/// each match (also after one discarded by <c>single_word</c> or skipped as special); <c>lstrip</c>/<c>rstrip</c> widen a match
/// over the white space (regex <c>\s</c>) beside it. Word characters for single_word are regex <c>\w</c>.
/// </summary>
internal sealed class AddedTokenSplitter
{
    // A trie over the patterns: at each position the deepest node reached that ends a pattern is the
    // longest match there, in time proportional to its length (Gemma has 6,000 added tokens starting with '<').
    private sealed class Node
    {
        public Dictionary<char, Node>? Children;
        public AddedToken? Token;
    }

    private static readonly List<(int Start, int End, AddedToken Token)> NoMatches = [];

    private readonly Node _root = new();

    // The patterns' first characters: a vectorised search skips text that cannot start a match.
    private readonly SearchValues<char> _firstChars;

    /// <param name="patterns">Each token with the text to look for (its content, or its normalized content).</param>
    public AddedTokenSplitter(IEnumerable<(string Pattern, AddedToken Token)> patterns)
    {
        foreach (var (pattern, token) in patterns)
        {
            if (pattern.Length == 0)
                continue;
            IsEmpty = false;
            var node = _root;
            foreach (char c in pattern)
            {
                node.Children ??= [];
                if (!node.Children.TryGetValue(c, out var child))
                    node.Children[c] = child = new Node();
                node = child;
            }
            node.Token ??= token;
        }
        _firstChars = SearchValues.Create(_root.Children?.Keys.ToArray() ?? []);
    }

    public bool IsEmpty { get; } = true;

    /// <summary>
    /// The matches in <paramref name="text"/> as (start, end, token), in order. A match whose token
    /// <paramref name="skip"/> rejects is consumed but not reported, as Hugging Face's encode_special_tokens does.
    /// </summary>
    public IReadOnlyList<(int Start, int End, AddedToken Token)> Find(string text, Func<AddedToken, bool> skip)
    {
        if (IsEmpty || text.Length == 0)
            return NoMatches;
        List<(int, int, AddedToken)>? found = null;
        int startOffset = 0;
        int i = 0;
        while (i < text.Length)
        {
            int next = text.AsSpan(i).IndexOfAny(_firstChars);
            if (next < 0)
                break;
            i += next;
            AddedToken? hit = null;
            int len = 0;
            var node = _root;
            for (int j = i; j < text.Length && node.Children is not null && node.Children.TryGetValue(text[j], out var child); j++)
            {
                node = child;
                if (node.Token is not null)
                {
                    hit = node.Token;
                    len = j + 1 - i;
                }
            }
            if (hit is null)
            {
                i++;
                continue;
            }
            int start = i, stop = i + len;
            i = stop;
            if (skip(hit))
                continue;
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
            (found ??= []).Add((start, stop, hit));
            startOffset = stop;
        }
        return (IReadOnlyList<(int Start, int End, AddedToken Token)>?)found ?? NoMatches;
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
