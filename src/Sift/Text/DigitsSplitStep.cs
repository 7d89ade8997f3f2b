using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>Digits</c> pre-tokenizer: numeric characters are split off, each on its own
/// (individual_digits = true, which Sift uses so arithmetic sees one token per digit) or as runs.
/// </summary>
internal sealed class DigitsSplitStep(bool individualDigits) : PreTokenizerStep
{
    public bool IndividualDigits { get; } = individualDigits;

    public override void Split(PreTokenizerPiece piece, List<PreTokenizerPiece> output) =>
        SplitSpans(piece, output, SplitSpan);

    private void SplitSpan(string text, int start, int length, List<(int Start, int Length)> output)
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
