using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>Replace</c> decoder: in every token, each match of the pattern becomes <c>content</c> (Llama 2: "▁" → " ").</summary>
internal sealed class ReplaceDecoder(TextPattern pattern, string content) : TokenDecoder
{
    public override void DecodeChain(List<string> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
            tokens[i] = pattern.Replace(tokens[i], content);
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Replace");
        pattern.WriteJson(json);
        json.WriteString("content", content);
        json.WriteEndObject();
    }
}
