using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>Strip</c> decoder: removes up to <c>start</c> leading and <c>stop</c> trailing
/// copies of <c>content</c> from every token (after Fuse, from the whole text: Llama 2 drops the space
/// its leading <c>▁</c> became).
/// </summary>
internal sealed class StripDecoder(char content, int start, int stop) : TokenDecoder
{
    public override void DecodeChain(List<string> tokens)
    {
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            int a = 0;
            while (a < start && a < t.Length && t[a] == content)
                a++;
            int b = t.Length;
            for (int k = 0; k < stop && b > a && t[b - 1] == content; k++)
                b--;
            tokens[i] = t[a..b];
        }
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "Strip");
        json.WriteString("content", content.ToString());
        json.WriteNumber("start", start);
        json.WriteNumber("stop", stop);
        json.WriteEndObject();
    }
}
