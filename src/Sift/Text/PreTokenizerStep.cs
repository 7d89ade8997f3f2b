using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// One stage of a Hugging Face style pre-tokenizer <c>Sequence</c>: it refines a piece of text into
/// smaller (non-empty) pieces, appending them to the output in order.
/// </summary>
internal abstract class PreTokenizerStep
{
    [ThreadStatic]
    private static List<(int Start, int Length)>? t_spans;

    public abstract void Split(PreTokenizerPiece piece, List<PreTokenizerPiece> output);

    /// <summary>Runs a span splitter on <paramref name="piece"/> and appends its spans as sub-pieces.</summary>
    protected static void SplitSpans(PreTokenizerPiece piece, List<PreTokenizerPiece> output, Action<string, int, int, List<(int Start, int Length)>> splitter)
    {
        var spans = t_spans ??= [];
        spans.Clear();
        splitter(piece.Text, piece.Start, piece.Length, spans);
        foreach (var (s, l) in spans)
        {
            if (l > 0)
                output.Add(piece.Sub(s, l));
        }
    }

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
