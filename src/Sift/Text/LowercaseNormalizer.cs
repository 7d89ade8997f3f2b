using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>Lowercase</c> normalizer: Rust's <c>char::to_lowercase</c> on each code point.
/// .NET's invariant casing is Unicode's simple case mapping (also under InvariantGlobalization); the one
/// unconditional multi-character lowercase mapping, U+0130 → "i\u0307", is added by hand. No final-sigma
/// rule: Rust's per-character mapping has none either.
/// </summary>
internal sealed class LowercaseNormalizer : Normalizer
{
    public override string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (Rune r in text.EnumerateRunes())
        {
            if (r.Value == 0x130)
                sb.Append("i\u0307");
            else
                sb.Append(Rune.ToLowerInvariant(r).ToString());
        }
        return sb.ToString();
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Lowercase");
        json.WriteEndObject();
    }
}
