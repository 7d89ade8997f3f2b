using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>Metaspace</c> pre-tokenizer (SentencePiece's convention): spaces become the
/// replacement character (<c>▁</c>), which is also prepended to a piece that does not start with it
/// (<c>prepend_scheme</c> "always"; "first": only to the piece at the start of the input; "never"),
/// and with <c>split</c> the piece is cut before every <c>▁</c> (each joins the word after it).
/// </summary>
internal sealed class MetaspaceStep(char replacement, MetaspacePrepend prepend, bool split) : PreTokenizerStep
{
    public char Replacement { get; } = replacement;

    public MetaspacePrepend Prepend { get; } = prepend;

    public override void Split(PreTokenizerPiece piece, List<PreTokenizerPiece> output)
    {
        string s = piece.ToString().Replace(' ', Replacement);
        bool add = Prepend switch
        {
            MetaspacePrepend.Always => true,
            MetaspacePrepend.First => piece.AtOrigin,
            _ => false,
        };
        if (add && !s.StartsWith(Replacement))
            s = Replacement + s;
        var whole = new PreTokenizerPiece(s, 0, s.Length, piece.AtOrigin);
        if (!split)
        {
            output.Add(whole);
            return;
        }
        // MergedWithNext on the replacement character.
        int start = 0;
        for (int i = 1; i < s.Length; i++)
        {
            if (s[i] == Replacement)
            {
                output.Add(whole.Sub(start, i - start));
                start = i;
            }
        }
        if (s.Length > start)
            output.Add(whole.Sub(start, s.Length - start));
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Metaspace");
        json.WriteString("replacement", Replacement.ToString());
        json.WriteString("prepend_scheme", Prepend.ToString().ToLowerInvariant());
        json.WriteBoolean("split", split);
        json.WriteEndObject();
    }
}
