using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>Strip</c> normalizer: removes Unicode white space (Rust's <c>char::is_whitespace</c>) from the left and/or right.</summary>
internal sealed class StripNormalizer(bool left, bool right) : Normalizer
{
    public override string Normalize(string text)
    {
        int start = 0, end = text.Length;
        while (left && start < end && Rune.DecodeFromUtf16(text.AsSpan(start, end - start), out Rune r, out int n) == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(r))
            start += n;
        while (right && end > start && Rune.DecodeLastFromUtf16(text.AsSpan(start, end - start), out Rune r, out int n) == System.Buffers.OperationStatus.Done && Rune.IsWhiteSpace(r))
            end -= n;
        return text[start..end];
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Strip");
        json.WriteBoolean("strip_left", left);
        json.WriteBoolean("strip_right", right);
        json.WriteEndObject();
    }
}
