using System.Text;

namespace Sift.Text;

/// <summary>
/// Decodes tokens one at a time during generation. A byte-level token may end in the middle of a UTF-8
/// character; the bytes are held back until the character completes, so the text handed out never
/// contains a spurious U+FFFD and the concatenation of all pieces equals <see cref="BpeTokenizer.Decode"/>
/// of the whole sequence. Use one instance per generated sequence (not thread-safe).
/// </summary>
public sealed class StreamingDecoder
{
    private readonly BpeTokenizer _tokenizer;
    private readonly bool _skipSpecial;
    private readonly Decoder _utf8 = new UTF8Encoding(false, throwOnInvalidBytes: false).GetDecoder();
    private readonly StringBuilder _text = new();
    private char[] _chars = new char[64];

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
        if (_skipSpecial && _tokenizer.IsSpecial(id))
            return "";
        ReadOnlySpan<byte> bytes = _tokenizer.TokenBytes(id);
        int need = _utf8.GetCharCount(bytes, flush: false);
        if (need > _chars.Length)
            _chars = new char[Math.Max(need, _chars.Length * 2)];
        int n = _utf8.GetChars(bytes, _chars, flush: false);
        _text.Append(_chars, 0, n);
        return new string(_chars, 0, n);
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

    /// <summary>Ends the sequence: bytes of an unfinished character become U+FFFD, as in <see cref="BpeTokenizer.Decode"/>.</summary>
    public string Flush()
    {
        int n = _utf8.GetChars(ReadOnlySpan<byte>.Empty, _chars, flush: true);
        _text.Append(_chars, 0, n);
        return new string(_chars, 0, n);
    }

    /// <summary>Starts a new sequence.</summary>
    public void Reset()
    {
        _utf8.Reset();
        _text.Clear();
    }
}
