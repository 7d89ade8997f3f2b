namespace Sift.Text;

/// <summary>
/// The GPT-2 pre-tokenization regex that Hugging Face's <c>ByteLevel</c> pre-tokenizer applies when
/// use_regex is true: <c>'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+</c>,
/// hand-written over code points (faster than Regex, and correct for letters outside the BMP).
/// </summary>
internal static class Gpt2Pattern
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
        var (cat, ws, w) = PreTokenizerStep.At(s, i);
        width = w;
        if (ws)
            return Kind.Space;
        if (PreTokenizerStep.IsLetter(cat))
            return Kind.Letter;
        return PreTokenizerStep.IsNumeric(cat) ? Kind.Number : Kind.Other;
    }

    public static void Split(ReadOnlySpan<char> text, int start, int length, List<(int Start, int Length)> output)
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
}
