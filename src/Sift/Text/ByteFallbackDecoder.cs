using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>ByteFallback</c> decoder: runs of <c>&lt;0xNN&gt;</c> tokens become the text their
/// bytes spell; a run that is not valid UTF-8 becomes one U+FFFD per byte (not Rust's lossy decoding:
/// this is what the Rust decoder does).
/// </summary>
internal sealed class ByteFallbackDecoder : TokenDecoder
{
    private static readonly UTF8Encoding Strict = new(false, throwOnInvalidBytes: true);

    public override void DecodeChain(List<string> tokens)
    {
        var result = new List<string>(tokens.Count);
        var run = new List<byte>();
        foreach (string t in tokens)
        {
            if (TryByte(t, out byte b))
            {
                run.Add(b);
                continue;
            }
            Flush(run, result);
            result.Add(t);
        }
        Flush(run, result);
        tokens.Clear();
        tokens.AddRange(result);
    }

    /// <summary>Whether <paramref name="token"/> is a byte token <c>&lt;0xNN&gt;</c> (hex digits in either case, as Rust's from_str_radix reads them).</summary>
    public static bool TryByte(string token, out byte value)
    {
        value = 0;
        return token.Length == 6 && token.StartsWith("<0x", StringComparison.Ordinal) && token[5] == '>'
            && byte.TryParse(token.AsSpan(3, 2), System.Globalization.NumberStyles.AllowHexSpecifier, System.Globalization.CultureInfo.InvariantCulture, out value);
    }

    private static void Flush(List<byte> run, List<string> result)
    {
        if (run.Count == 0)
            return;
        try
        {
            result.Add(Strict.GetString(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(run)));
        }
        catch (DecoderFallbackException)
        {
            for (int i = 0; i < run.Count; i++)
                result.Add("\uFFFD");
        }
        run.Clear();
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "ByteFallback");
        json.WriteEndObject();
    }
}
