using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>NFC</c>, <c>NFD</c>, <c>NFKC</c> and <c>NFKD</c> normalizers (Qwen uses NFC).</summary>
internal sealed class UnicodeFormNormalizer(NormalizationForm form) : Normalizer
{
    public NormalizationForm Form { get; } = form;

    public override string Normalize(string text) => UnicodeNormalizer.Normalize(text, Form);

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", Form.ToString().ToUpperInvariant());
        json.WriteEndObject();
    }
}
