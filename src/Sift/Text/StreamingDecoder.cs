using System.Text;

namespace Sift.Text;

/// <summary>
/// Decodes tokens one at a time during generation, as Hugging Face's <c>DecodeStream</c> does: it decodes
/// a short window of recent ids and hands out only the text past what the window's earlier ids already
/// gave. A token that ends inside a UTF-8 character (the decoded text ends in U+FFFD) is held back until
/// the character completes, and a decoder that treats the first token specially (SentencePiece's leading
/// <c>▁</c>) sees the previous token as context, so for valid text the concatenation of all pieces equals
/// <see cref="BpeTokenizer.Decode"/> of the whole sequence. Use one instance per sequence (not thread-safe).
/// </summary>
public sealed class StreamingDecoder
{
    private readonly BpeTokenizer _tokenizer;
    private readonly bool _skipSpecial;
    private readonly List<int> _ids = [];
    private readonly StringBuilder _text = new();
    private string _prefix = "";
    private int _prefixIndex;

    /// <summary>A decoder for <paramref name="tokenizer"/>'s tokens.</summary>
    public StreamingDecoder(BpeTokenizer tokenizer, bool skipSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        _tokenizer = tokenizer;
        _skipSpecial = skipSpecial;
    }

    /// <summary>All text completed so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Length of <see cref="Text"/> (cheap).</summary>
    public int Length => _text.Length;

    /// <summary>Adds a token; returns the text it completed (possibly empty while a character is still open).</summary>
    public string Append(int id)
    {
        if ((uint)id >= (uint)_tokenizer.VocabSize)
            throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id {id} is outside the vocabulary [0, {_tokenizer.VocabSize}).");
        _ids.Add(id);
        string s = _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids), _skipSpecial);
        if (s.Length <= _prefix.Length || s[^1] == '\uFFFD' || !s.StartsWith(_prefix, StringComparison.Ordinal))
            return "";
        string piece = s[_prefix.Length..];
        // Keep the ids after the previous prefix as the context of the next step.
        int newPrefixIndex = _ids.Count - _prefixIndex;
        _ids.RemoveRange(0, _prefixIndex);
        _prefix = _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids), _skipSpecial);
        _prefixIndex = newPrefixIndex;
        _text.Append(piece);
        return piece;
    }

    /// <summary>Whether <see cref="Text"/> ends with <paramref name="suffix"/> (for stop strings).</summary>
    public bool EndsWith(string suffix)
    {
        ArgumentNullException.ThrowIfNull(suffix);
        if (suffix.Length > _text.Length)
            return false;
        int start = _text.Length - suffix.Length;
        for (int i = 0; i < suffix.Length; i++)
        {
            if (_text[start + i] != suffix[i])
                return false;
        }
        return true;
    }

    /// <summary>Ends the sequence: the text still held back (an unfinished character decodes to U+FFFD, as in <see cref="BpeTokenizer.Decode"/>).</summary>
    public string Flush()
    {
        string s = _tokenizer.Decode(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_ids), _skipSpecial);
        string piece = s.Length > _prefix.Length && s.StartsWith(_prefix, StringComparison.Ordinal) ? s[_prefix.Length..] : "";
        _text.Append(piece);
        _ids.Clear();
        _prefix = "";
        _prefixIndex = 0;
        return piece;
    }

    /// <summary>Starts a new sequence.</summary>
    public void Reset()
    {
        _ids.Clear();
        _prefix = "";
        _prefixIndex = 0;
        _text.Clear();
    }
}
