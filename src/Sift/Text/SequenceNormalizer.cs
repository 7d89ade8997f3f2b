using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>Sequence</c> normalizer: its normalizers in order (Llama 2: Prepend "▁", then Replace " " → "▁").</summary>
internal sealed class SequenceNormalizer(IReadOnlyList<Normalizer> normalizers) : Normalizer
{
    private readonly Normalizer[] _normalizers = normalizers.ToArray();

    public override string Normalize(string text)
    {
        foreach (var n in _normalizers)
            text = n.Normalize(text);
        return text;
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Sequence");
        json.WriteStartArray("normalizers");
        foreach (var n in _normalizers)
            n.WriteJson(json);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
