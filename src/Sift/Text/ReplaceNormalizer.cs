using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>Replace</c> normalizer: every match of a string or regex becomes <c>content</c>.</summary>
internal sealed class ReplaceNormalizer(TextPattern pattern, string content) : Normalizer
{
    public override string Normalize(string text) => pattern.Replace(text, content);

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Replace");
        pattern.WriteJson(json);
        json.WriteString("content", content);
        json.WriteEndObject();
    }
}
