using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>ByteLevel</c> decoder: each token's characters are mapped back through the GPT-2
/// byte alphabet (a token with a character outside it, such as an added token, contributes its UTF-8
/// instead), all bytes are joined, and invalid UTF-8 becomes U+FFFD (Rust's from_utf8_lossy, which
/// replaces maximal invalid subsequences as .NET's decoder does).
/// </summary>
internal sealed class ByteLevelDecoder(bool addPrefixSpace, bool trimOffsets, bool useRegex) : TokenDecoder
{
    public static ByteLevelDecoder Default() => new(false, true, true);

    public override void DecodeChain(List<string> tokens)
    {
        var bytes = new List<byte>();
        foreach (string t in tokens)
            AppendBytes(t, bytes);
        tokens.Clear();
        tokens.Add(Encoding.UTF8.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)));
    }

    /// <summary>The bytes one token stands for.</summary>
    public static void AppendBytes(string token, List<byte> bytes)
    {
        int mark = bytes.Count;
        foreach (char c in token)
        {
            int b = c < ByteLevelAlphabet.CharToByte.Length ? ByteLevelAlphabet.CharToByte[c] : -1;
            if (b < 0)
            {
                bytes.RemoveRange(mark, bytes.Count - mark);
                bytes.AddRange(Encoding.UTF8.GetBytes(token));
                return;
            }
            bytes.Add((byte)b);
        }
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", addPrefixSpace);
        json.WriteBoolean("trim_offsets", trimOffsets);
        json.WriteBoolean("use_regex", useRegex);
        json.WriteEndObject();
    }
}
