using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// One stage of a Hugging Face style pre-tokenizer <c>Sequence</c>: it refines a piece of text
/// [start, start+length) into smaller pieces, appending them to the output in order.
/// </summary>
internal abstract class PreTokenizerStep
{
    public abstract void Split(ReadOnlySpan<char> text, int start, int length, List<(int Start, int Length)> output);

    /// <summary>Writes the step as its tokenizer.json object.</summary>
    public abstract void WriteJson(Utf8JsonWriter json);

    /// <summary>Unicode "numeric" (Nd, Nl, No), as Rust's char::is_numeric and regex \p{N}.</summary>
    public static bool IsNumeric(UnicodeCategory c) =>
        c is UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    /// <summary>Unicode letter, as regex \p{L}.</summary>
    public static bool IsLetter(UnicodeCategory c) => c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;

    /// <summary>Decodes the code point at <paramref name="i"/> (a lone surrogate reads as itself, category Surrogate).</summary>
    public static (UnicodeCategory Category, bool WhiteSpace, int Width) At(ReadOnlySpan<char> s, int i)
    {
        char c = s[i];
        if (c < 0x80)
        {
            // ASCII fast path.
            if (c is >= 'a' and <= 'z' or >= 'A' and <= 'Z')
                return (UnicodeCategory.LowercaseLetter, false, 1);
            if (c is >= '0' and <= '9')
                return (UnicodeCategory.DecimalDigitNumber, false, 1);
            if (c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f')
                return (UnicodeCategory.SpaceSeparator, true, 1);
            return (char.GetUnicodeCategory(c), false, 1);
        }
        if (Rune.DecodeFromUtf16(s[i..], out Rune r, out int used) == System.Buffers.OperationStatus.Done)
            return (Rune.GetUnicodeCategory(r), Rune.IsWhiteSpace(r), used);
        return (UnicodeCategory.Surrogate, false, 1);
    }
}

/// <summary>
/// Hugging Face's <c>Digits</c> pre-tokenizer: numeric characters are split off, each on its own
/// (individual_digits = true, which Sift uses so arithmetic sees one token per digit) or as runs.
/// </summary>
internal sealed class DigitsSplitStep(bool individualDigits) : PreTokenizerStep
{
    public bool IndividualDigits { get; } = individualDigits;

    public override void Split(ReadOnlySpan<char> text, int start, int length, List<(int Start, int Length)> output)
    {
        int end = start + length;
        int runStart = start;
        bool runNumeric = false;
        int i = start;
        while (i < end)
        {
            var (cat, _, w) = At(text, i);
            bool numeric = IsNumeric(cat);
            if (numeric && IndividualDigits)
            {
                if (i > runStart)
                    output.Add((runStart, i - runStart));
                output.Add((i, w));
                i += w;
                runStart = i;
                runNumeric = false;
                continue;
            }
            if (i > runStart && numeric != runNumeric)
            {
                output.Add((runStart, i - runStart));
                runStart = i;
            }
            runNumeric = numeric;
            i += w;
        }
        if (end > runStart)
            output.Add((runStart, end - runStart));
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Digits");
        json.WriteBoolean("individual_digits", IndividualDigits);
        json.WriteEndObject();
    }
}

/// <summary>
/// The GPT-2 pre-tokenization regex that Hugging Face's <c>ByteLevel</c> pre-tokenizer applies when
/// use_regex is true: <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>,
/// hand-written over code points (faster than Regex, and correct for letters outside the BMP).
/// </summary>
internal sealed class Gpt2RegexSplitStep : PreTokenizerStep
{
    private enum Kind
    {
        Letter,
        Number,
        Space,
        Other,
    }

    private static Kind KindAt(ReadOnlySpan<char> s, int i, out int width)
    {
        var (cat, ws, w) = At(s, i);
        width = w;
        if (ws)
            return Kind.Space;
        if (IsLetter(cat))
            return Kind.Letter;
        return IsNumeric(cat) ? Kind.Number : Kind.Other;
    }

    public override void Split(ReadOnlySpan<char> text, int start, int length, List<(int Start, int Length)> output)
    {
        int end = start + length;
        ReadOnlySpan<char> s = text[..end];
        int i = start;
        while (i < end)
        {
            int len = Contraction(s, i);
            if (len > 0)
            {
                output.Add((i, len));
                i += len;
                continue;
            }
            Kind k = KindAt(s, i, out int w);
            int j = i;
            // " ?X+" alternatives: an ASCII space may lead a run of letters, numbers or other symbols.
            if (s[i] == ' ' && i + 1 < end)
            {
                Kind next = KindAt(s, i + 1, out int w2);
                if (next != Kind.Space)
                {
                    k = next;
                    j = i + 1;
                    w = w2;
                }
            }
            if (k != Kind.Space)
            {
                j += w;
                while (j < end && KindAt(s, j, out int wj) == k)
                    j += wj;
                output.Add((i, j - i));
                i = j;
                continue;
            }
            // Whitespace: "\s+(?!\S)" takes the run but leaves its last character to lead the next
            // word when a non-space follows; a lone space before a word falls to "\s+".
            j = i + w;
            int lastWidth = w;
            while (j < end && KindAt(s, j, out int wj) == Kind.Space)
            {
                lastWidth = wj;
                j += wj;
            }
            if (j < end && j - lastWidth > i)
                j -= lastWidth;
            output.Add((i, j - i));
            i = j;
        }
    }

    private static int Contraction(ReadOnlySpan<char> s, int i)
    {
        if (s[i] != '\'' || i + 1 >= s.Length)
            return 0;
        char a = s[i + 1];
        if (a is 's' or 't' or 'm' or 'd')
            return 2;
        if (i + 2 < s.Length)
        {
            char b = s[i + 2];
            if ((a == 'r' && b == 'e') || (a == 'v' && b == 'e') || (a == 'l' && b == 'l'))
                return 3;
        }
        return 0;
    }

    public override void WriteJson(Utf8JsonWriter json) =>
        throw new InvalidOperationException("The GPT-2 regex is written as part of the ByteLevel pre-tokenizer.");
}

/// <summary>
/// Hugging Face's <c>ByteLevel</c> pre-tokenizer: splits with the GPT-2 regex when use_regex is true
/// (the mapping of bytes to characters happens later, in the BPE model). add_prefix_space is handled
/// by <see cref="PreTokenizer"/>, which only allows it on a leading ByteLevel step.
/// </summary>
internal sealed class ByteLevelStep(bool addPrefixSpace, bool useRegex, bool trimOffsets) : PreTokenizerStep
{
    private static readonly Gpt2RegexSplitStep Gpt2 = new();

    public bool AddPrefixSpace { get; } = addPrefixSpace;

    public override void Split(ReadOnlySpan<char> text, int start, int length, List<(int Start, int Length)> output)
    {
        if (useRegex)
            Gpt2.Split(text, start, length, output);
        else
            output.Add((start, length));
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", AddPrefixSpace);
        json.WriteBoolean("trim_offsets", trimOffsets);
        json.WriteBoolean("use_regex", useRegex);
        json.WriteEndObject();
    }
}

/// <summary>Hugging Face's <c>Split</c> pre-tokenizer with a regex (behavior Isolated or Removed), e.g. Llama 3's pattern.</summary>
internal sealed class RegexSplitStep(string pattern, bool isRegex, bool removeMatches) : PreTokenizerStep
{
    private readonly System.Text.RegularExpressions.Regex _regex = new(
        isRegex ? pattern : System.Text.RegularExpressions.Regex.Escape(pattern),
        System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.Compiled);

    public override void Split(ReadOnlySpan<char> text, int start, int length, List<(int Start, int Length)> output)
    {
        int pos = start;
        foreach (var m in _regex.EnumerateMatches(text.Slice(start, length)))
        {
            if (m.Length == 0)
                continue;
            int ms = start + m.Index;
            if (ms > pos)
                output.Add((pos, ms - pos));
            if (!removeMatches)
                output.Add((ms, m.Length));
            pos = ms + m.Length;
        }
        if (start + length > pos)
            output.Add((pos, start + length - pos));
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Split");
        json.WriteStartObject("pattern");
        json.WriteString(isRegex ? "Regex" : "String", pattern);
        json.WriteEndObject();
        json.WriteString("behavior", removeMatches ? "Removed" : "Isolated");
        json.WriteBoolean("invert", false);
        json.WriteEndObject();
    }
}
