using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>ByteLevel</c> pre-tokenizer: splits with the GPT-2 regex when use_regex is true.
/// The mapping of each piece's UTF-8 bytes to the byte-level alphabet happens in the BPE model (it is
/// the same as Hugging Face's because the step must be the last one, which the loader checks).
/// add_prefix_space puts a space before every piece that does not start with one, as Hugging Face does.
/// </summary>
internal sealed class ByteLevelStep(bool addPrefixSpace, bool useRegex, bool trimOffsets) : PreTokenizerStep
{
    public bool AddPrefixSpace { get; } = addPrefixSpace;

    public override void Split(PreTokenizerPiece piece, List<PreTokenizerPiece> output)
    {
        if (AddPrefixSpace && piece.Length > 0 && piece.Text[piece.Start] != ' ')
        {
            // Rare (Sift's own tokenizers never set it), so a copy is fine.
            string t = " " + piece.ToString();
            piece = new PreTokenizerPiece(t, 0, t.Length, piece.AtOrigin);
        }
        if (useRegex)
            SplitSpans(piece, output, static (t, s, l, o) => Gpt2Pattern.Split(t, s, l, o));
        else
            output.Add(piece);
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
