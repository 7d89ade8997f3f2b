using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>Prepend</c> normalizer: puts a prefix before every non-empty text (SentencePiece's "▁").</summary>
internal sealed class PrependNormalizer(string prepend) : Normalizer
{
    public override string Normalize(string text) => text.Length == 0 ? text : prepend + text;

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Prepend");
        json.WriteString("prepend", prepend);
        json.WriteEndObject();
    }
}
