using System.Text.Json;

namespace Sift.Text;

/// <summary>A tokenizer.json <c>pattern</c>: <c>{"String": "..."}</c> (literal) or <c>{"Regex": "..."}</c>.</summary>
internal sealed class TextPattern(string pattern, bool isRegex)
{
    private readonly CodePointRegex _regex = new(pattern, isRegex);

    public string Pattern => _regex.Pattern;

    public bool IsRegex => _regex.IsRegex;

    public void Matches(string text, int start, int length, List<(int Start, int Length)> output) => _regex.Matches(text, start, length, output);

    public string Replace(string text, string content)
    {
        if (!IsRegex)
            return Pattern.Length == 0 ? text : text.Replace(Pattern, content, StringComparison.Ordinal);
        return _regex.Replace(text, content);
    }

    /// <summary>Writes <c>"pattern": {...}</c>.</summary>
    public void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject("pattern");
        json.WriteString(IsRegex ? "Regex" : "String", Pattern);
        json.WriteEndObject();
    }
}
