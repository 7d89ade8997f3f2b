using System.Text;
using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>Metaspace</c> decoder: the replacement character becomes a space, except in the
/// first token, where (unless prepend_scheme is "never") every one is dropped, undoing the prepended <c>▁</c>.
/// </summary>
internal sealed class MetaspaceDecoder(char replacement, MetaspacePrepend prepend, bool split) : TokenDecoder
{
    public override void DecodeChain(List<string> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            var sb = new StringBuilder(tokens[i].Length);
            foreach (char c in tokens[i])
            {
                if (c != replacement)
                    sb.Append(c);
                else if (i != 0 || prepend == MetaspacePrepend.Never)
                    sb.Append(' ');
            }
            tokens[i] = sb.ToString();
        }
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Metaspace");
        json.WriteString("replacement", replacement.ToString());
        json.WriteString("prepend_scheme", prepend.ToString().ToLowerInvariant());
        json.WriteBoolean("split", split);
        json.WriteEndObject();
    }
}
