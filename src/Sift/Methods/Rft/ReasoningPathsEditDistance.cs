namespace Sift.Methods.Rft;

/// <summary>Levenshtein distance (unit insert/delete/substitute) over UTF-16 characters, as the RFT code's <c>editdistance.eval</c> on strings.</summary>
public static class EditDistance
{
    /// <summary>The edit distance between <paramref name="a"/> and <paramref name="b"/>; two rows of memory.</summary>
    public static int Levenshtein(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
    {
        if (a.Length < b.Length)
        {
            var swap = a;
            a = b;
            b = swap;
        }
        if (b.Length == 0)
        {
            return a.Length;
        }
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var ai = a[i - 1];
            for (var j = 1; j <= b.Length; j++)
            {
                var substitute = previous[j - 1] + (ai == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitute, Math.Min(previous[j], current[j - 1]) + 1);
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
