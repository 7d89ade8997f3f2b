using System.Text.Json;

namespace Sift.Text;

/// <summary>
/// A Hugging Face <c>normalizer</c>: rewrites text before it is split into pieces (and before
/// <c>normalized</c> added tokens are matched). Only the ids matter to Sift, so a normalizer maps a
/// string to a string; Hugging Face's alignment bookkeeping (offsets) is not reproduced.
/// </summary>
internal abstract class Normalizer
{
    public abstract string Normalize(string text);

    /// <summary>Writes the normalizer as its tokenizer.json object.</summary>
    public abstract void WriteJson(Utf8JsonWriter json);
}
