using System.Text;

namespace Sift.Data;

/// <summary>
/// The normalised form of a question used to find duplicates: lower case, typographic quotes and
/// dashes folded to ASCII, punctuation dropped, runs of whitespace collapsed. Two questions that
/// differ only in spacing, case or punctuation are the same problem.
/// </summary>
public static class QuestionKey
{
    /// <summary>The normalised key of <paramref name="question"/>.</summary>
    public static string Of(string question)
    {
        var builder = new StringBuilder(question.Length);
        var pendingSpace = false;
        foreach (var raw in question.Normalize(NormalizationForm.FormKC))
        {
            var c = raw switch
            {
                '\u2018' or '\u2019' or '\u201B' => '\'',
                '\u201C' or '\u201D' => '"',
                '\u2013' or '\u2014' or '\u2212' => '-',
                _ => char.ToLowerInvariant(raw),
            };
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }
            // Keep characters that carry meaning in math text; drop sentence punctuation.
            if (char.IsPunctuation(c) && c is not ('-' or '/' or '%' or '.' or '(' or ')' or '\''))
            {
                continue;
            }
            if (c == '.' && (builder.Length == 0 || !char.IsDigit(builder[^1])))
            {
                continue; // a full stop, not a decimal point
            }
            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }
            builder.Append(c);
        }
        var key = builder.ToString();
        return key.EndsWith('.') ? key[..^1] : key;
    }

    /// <summary>A stable 64-bit hash of the key (FNV-1a, then a SplitMix64 finaliser so every bit is well mixed); assigns splits by content.</summary>
    public static ulong Hash(string key)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in key)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }
        hash = (hash ^ (hash >> 30)) * 0xBF58476D1CE4E5B9UL;
        hash = (hash ^ (hash >> 27)) * 0x94D049BB133111EBUL;
        return hash ^ (hash >> 31);
    }
}
