using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>Sequence</c> decoder: its decoders in order, each on the previous one's token list.</summary>
internal sealed class SequenceDecoder(IReadOnlyList<TokenDecoder> decoders) : TokenDecoder
{
    private readonly TokenDecoder[] _decoders = decoders.ToArray();

    public override void DecodeChain(List<string> tokens)
    {
        foreach (var d in _decoders)
            d.DecodeChain(tokens);
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Sequence");
        json.WriteStartArray("decoders");
        foreach (var d in _decoders)
            d.WriteJson(json);
        json.WriteEndArray();
        json.WriteEndObject();
    }
}
