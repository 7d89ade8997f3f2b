using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>StripAccents</c> normalizer: drops combining marks (categories Mn, Mc, Me, as the Rust crate's is_combining_mark); used after NFD/NFKD.</summary>
internal sealed class StripAccentsNormalizer : Normalizer
{
    public override string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (Rune r in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(r) is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
                sb.Append(r.ToString());
        }
        return sb.ToString();
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "StripAccents");
        json.WriteEndObject();
    }
}
