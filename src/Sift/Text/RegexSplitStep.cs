using System.Text.Json;

namespace Sift.Text;

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
