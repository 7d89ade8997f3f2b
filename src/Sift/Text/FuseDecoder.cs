using System.Text.Json;

namespace Sift.Text;

/// <summary>Hugging Face's <c>Fuse</c> decoder: joins all tokens into one, so later steps (Strip) see the whole text.</summary>
internal sealed class FuseDecoder : TokenDecoder
{
    public override void DecodeChain(List<string> tokens)
    {
        string all = string.Concat(tokens);
        tokens.Clear();
        tokens.Add(all);
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Fuse");
        json.WriteEndObject();
    }
}
