using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>Split</c> pre-tokenizer (e.g. Llama 3's and Qwen's regex): the text is cut into
/// the pattern's matches and the gaps between them (with <c>invert</c> the gaps are the delimiters),
/// and the delimiters are treated by <see cref="SplitBehavior"/> exactly as NormalizedString::split does.
/// Empty matches are ignored (they would only make empty pieces, which Hugging Face drops too).
/// </summary>
internal sealed class SplitStep(TextPattern pattern, SplitBehavior behavior, bool invert) : PreTokenizerStep
{
    [ThreadStatic]
    private static List<(int Start, int Length)>? t_matches;

    [ThreadStatic]
    private static List<(int Start, int End, bool Delimiter)>? t_segments;

    public override void Split(PreTokenizerPiece piece, List<PreTokenizerPiece> output)
    {
        var matches = t_matches ??= [];
        var segs = t_segments ??= [];
        matches.Clear();
        segs.Clear();
        pattern.Matches(piece.Text, piece.Start, piece.Length, matches);
        // The whole piece as alternating gaps and matches; "delimiter" is a match, or a gap when inverted.
        int pos = piece.Start, end = piece.Start + piece.Length;
        foreach (var (s, l) in matches)
        {
            if (s > pos)
                segs.Add((pos, s, invert));
            segs.Add((s, s + l, !invert));
            pos = s + l;
        }
        if (end > pos)
            segs.Add((pos, end, invert));

        switch (behavior)
        {
            case SplitBehavior.Removed:
                foreach (var (s, e, d) in segs)
                {
                    if (!d)
                        output.Add(piece.Sub(s, e - s));
                }
                return;
            case SplitBehavior.Isolated:
                foreach (var (s, e, _) in segs)
                    output.Add(piece.Sub(s, e - s));
                return;
            case SplitBehavior.MergedWithPrevious:
            {
                int first = output.Count;
                bool previous = false;
                foreach (var (s, e, d) in segs)
                {
                    if (d && !previous && output.Count > first)
                    {
                        var last = output[^1];
                        output[^1] = piece.Sub(last.Start, e - last.Start);
                    }
                    else
                    {
                        output.Add(piece.Sub(s, e - s));
                    }
                    previous = d;
                }
                return;
            }
            case SplitBehavior.MergedWithNext:
            {
                // Walk backwards: a delimiter joins the piece after it.
                var rev = new List<(int Start, int End)>();
                bool previous = false;
                for (int k = segs.Count - 1; k >= 0; k--)
                {
                    var (s, e, d) = segs[k];
                    if (d && !previous && rev.Count > 0)
                        rev[^1] = (s, rev[^1].End);
                    else
                        rev.Add((s, e));
                    previous = d;
                }
                for (int k = rev.Count - 1; k >= 0; k--)
                    output.Add(piece.Sub(rev[k].Start, rev[k].End - rev[k].Start));
                return;
            }
            case SplitBehavior.Contiguous:
            {
                int first = output.Count;
                bool previous = false;
                foreach (var (s, e, d) in segs)
                {
                    if (d == previous && output.Count > first)
                    {
                        var last = output[^1];
                        output[^1] = piece.Sub(last.Start, e - last.Start);
                    }
                    else
                    {
                        output.Add(piece.Sub(s, e - s));
                    }
                    previous = d;
                }
                return;
            }
        }
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Split");
        pattern.WriteJson(json);
        json.WriteString("behavior", behavior.ToString());
        json.WriteBoolean("invert", invert);
        json.WriteEndObject();
    }
}
