using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// A Hugging Face <c>decoder</c>: turns the tokens' strings into text. Like the Rust library's
/// <c>decode_chain</c> it rewrites the list of token strings (which later steps see token by token,
/// until one such as Fuse or ByteLevel joins them); the decoded text is the concatenation at the end.
/// </summary>
internal abstract class TokenDecoder
{
    public abstract void DecodeChain(List<string> tokens);

    /// <summary>Writes the decoder as its tokenizer.json object.</summary>
    public abstract void WriteJson(Utf8JsonWriter json);

    /// <summary>The text of <paramref name="tokens"/>.</summary>
    public string Decode(List<string> tokens)
    {
        DecodeChain(tokens);
        return string.Concat(tokens);
    }
}
