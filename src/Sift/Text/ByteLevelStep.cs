using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// Hugging Face's <c>ByteLevel</c> pre-tokenizer: splits with the GPT-2 regex when use_regex is true
/// (the mapping of bytes to characters happens later, in the BPE model). add_prefix_space is handled
/// by <see cref="PreTokenizer"/>, which only allows it on a leading ByteLevel step.
/// </summary>
internal sealed class ByteLevelStep(bool addPrefixSpace, bool useRegex, bool trimOffsets) : PreTokenizerStep
{
    public bool AddPrefixSpace { get; } = addPrefixSpace;

    public override void Split(ReadOnlySpan<char> text, int start, int length, List<(int Start, int Length)> output)
    {
        if (useRegex)
            Gpt2Pattern.Split(text, start, length, output);
        else
            output.Add((start, length));
    }

    public override void WriteJson(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("type", "ByteLevel");
        json.WriteBoolean("add_prefix_space", AddPrefixSpace);
        json.WriteBoolean("trim_offsets", trimOffsets);
        json.WriteBoolean("use_regex", useRegex);
        json.WriteEndObject();
    }
}
