using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Sift.Text;

/// <summary>
/// A byte-level BPE tokenizer (GPT-2 style, Radford et al. 2019) compatible with Hugging Face
/// <c>tokenizer.json</c>. Text is split by the pre-tokenizer (Sift's default isolates every digit, then
/// applies the GPT-2 regex), each piece's UTF-8 bytes become byte tokens, and ranked merges join them.
/// Decoding concatenates token bytes, so any valid Unicode string round-trips exactly.
/// Thread-safe: encoding may run on many threads at once.
/// </summary>
public sealed class BpeTokenizer
{
    /// <summary>Cache entries kept before the piece cache is cleared (bounds memory on huge corpora).</summary>
    private const int MaxCacheEntries = 200_000;

    /// <summary>Pieces longer than this (chars) are not cached: they are rare and would bloat the cache.</summary>
    private const int MaxCachedPieceChars = 64;

    private readonly string[] _tokens;
    private readonly byte[][] _tokenBytes;
    private readonly bool[] _isSpecial;
    private readonly Dictionary<string, int> _tokenToId;
    private readonly int[] _byteToId;
    private readonly (string Content, int Id)[] _specials;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cacheCount;
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _vocabLookup;

    [ThreadStatic]
    private static List<(int Start, int Length)>? t_pieces;

    internal BpeTokenizer(
        string[] tokens,
        IReadOnlyList<(int Left, int Right, int Merged)> merges,
        IReadOnlyList<(string Content, int Id)> specials,
        PreTokenizer preTokenizer,
        bool ignoreMerges,
        string source)
    {
        _tokens = tokens;
        Merges = new BpeMerges(merges);
        PreTokenizer = preTokenizer;
        IgnoreMerges = ignoreMerges;
        int v = tokens.Length;
        _isSpecial = new bool[v];
        _tokenBytes = new byte[v][];
        _tokenToId = new Dictionary<string, int>(v, StringComparer.Ordinal);
        foreach (var (content, id) in specials)
            _isSpecial[id] = true;
        for (int id = 0; id < v; id++)
        {
            if (_isSpecial[id])
            {
                _tokenBytes[id] = Encoding.UTF8.GetBytes(tokens[id]);
            }
            else if (!ByteLevelAlphabet.TryToBytes(tokens[id], out _tokenBytes[id]))
            {
                throw new InvalidDataException($"{source}: model.vocab: token {id} '{tokens[id]}' contains characters outside the byte-level alphabet (is this a byte-level BPE tokenizer?).");
            }
            // A special token may share its text with an ordinary one; the ordinary id wins for lookups.
            if (!_isSpecial[id] || !_tokenToId.ContainsKey(tokens[id]))
                _tokenToId[tokens[id]] = id;
        }
        _byteToId = new int[256];
        for (int b = 0; b < 256; b++)
        {
            string s = ByteLevelAlphabet.ByteToChar[b].ToString();
            if (!_tokenToId.TryGetValue(s, out _byteToId[b]) || _isSpecial[_byteToId[b]])
                throw new InvalidDataException($"{source}: model.vocab has no token for byte 0x{b:X2} ('{s}'); a byte-level BPE vocabulary needs all 256 bytes.");
        }
        // Longest first so that a special token containing another is matched whole.
        _specials = specials.OrderByDescending(s => s.Content.Length).ThenBy(s => s.Id).ToArray();
        SpecialTokens = specials.OrderBy(s => s.Id).Select(s => s.Content).ToArray();
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _vocabLookup = _tokenToId.GetAlternateLookup<ReadOnlySpan<char>>();

        BosId = FindRole(Sift.Text.SpecialTokens.BosCandidates);
        EosId = FindRole(Sift.Text.SpecialTokens.EosCandidates);
        PadId = FindRole(Sift.Text.SpecialTokens.PadCandidates);
        if (EosId < 0)
            throw new InvalidDataException(
                $"{source}: added_tokens defines no end-of-sequence token (looked for {string.Join(", ", Sift.Text.SpecialTokens.EosCandidates)}); Sift needs one to stop generation.");
        if (BosId < 0)
            BosId = EosId;
        if (PadId < 0)
            PadId = EosId;
    }

    /// <summary>Number of token ids (ordinary and special).</summary>
    public int VocabSize => _tokens.Length;

    /// <summary>Beginning-of-sequence id (<c>&lt;|bos|&gt;</c>; for foreign tokenizers the conventional equivalent, else EOS).</summary>
    public int BosId { get; }

    /// <summary>End-of-sequence id (<c>&lt;|eos|&gt;</c> or the conventional equivalent).</summary>
    public int EosId { get; }

    /// <summary>Padding id (<c>&lt;|pad|&gt;</c>; else EOS).</summary>
    public int PadId { get; }

    /// <summary>The special tokens' texts, by id.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>Number of merges.</summary>
    public int MergeCount => Merges.List.Count;

    internal BpeMerges Merges { get; }

    internal PreTokenizer PreTokenizer { get; }

    internal bool IgnoreMerges { get; }

    internal IReadOnlyList<string> Tokens => _tokens;

    internal IEnumerable<(string Content, int Id)> SpecialEntries => _specials.OrderBy(s => s.Id);

    /// <summary>Whether <paramref name="id"/> is a special token.</summary>
    public bool IsSpecial(int id) => (uint)id < (uint)_isSpecial.Length && _isSpecial[id];

    /// <summary>The token's vocabulary string (byte-level alphabet, as in tokenizer.json; specials as written).</summary>
    public string IdToToken(int id) => (uint)id < (uint)_tokens.Length
        ? _tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id must be in [0, {_tokens.Length}).");

    /// <summary>The id of a vocabulary string (byte-level alphabet or a special token's text), or -1.</summary>
    public int TokenToId(string token) => _tokenToId.TryGetValue(token, out int id) ? id : -1;

    /// <summary>The raw bytes a token stands for (UTF-8 of the text for special tokens).</summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => (uint)id < (uint)_tokenBytes.Length
        ? _tokenBytes[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id must be in [0, {_tokens.Length}).");

    /// <summary>Encodes <paramref name="text"/>. Special-token texts are recognised only when <paramref name="allowSpecial"/>.</summary>
    public int[] Encode(string text, bool allowSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        Encode(text.AsSpan(), ids, allowSpecial);
        return ids.ToArray();
    }

    /// <summary>Encodes <paramref name="text"/>, appending ids to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<char> text, List<int> output, bool allowSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!allowSpecial || _specials.Length == 0)
        {
            EncodeOrdinary(text, output);
            return;
        }
        int pos = 0;
        while (pos < text.Length)
        {
            int best = -1, bestLen = 0, bestId = -1;
            ReadOnlySpan<char> rest = text[pos..];
            foreach (var (content, id) in _specials)
            {
                int at = rest.IndexOf(content.AsSpan(), StringComparison.Ordinal);
                if (at >= 0 && (best < 0 || at < best))
                {
                    best = at;
                    bestLen = content.Length;
                    bestId = id;
                }
            }
            if (best < 0)
            {
                EncodeOrdinary(rest, output);
                break;
            }
            if (best > 0)
                EncodeOrdinary(rest[..best], output);
            output.Add(bestId);
            pos += best + bestLen;
        }
    }

    /// <summary>Counts the tokens of <paramref name="text"/> without special tokens.</summary>
    public int CountTokens(ReadOnlySpan<char> text)
    {
        var ids = new List<int>();
        EncodeOrdinary(text, ids);
        return ids.Count;
    }

    /// <summary>
    /// Decodes ids to text. Bytes that do not form valid UTF-8 (a sequence cut inside a character)
    /// become U+FFFD. Special tokens decode to their text unless <paramref name="skipSpecial"/>.
    /// </summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecial = false)
    {
        var buffer = new ArrayBufferWriter<byte>(Math.Max(16, ids.Length * 4));
        DecodeBytes(ids, buffer, skipSpecial);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Appends the raw bytes of <paramref name="ids"/> to <paramref name="output"/> (for streaming decode).</summary>
    public void DecodeBytes(ReadOnlySpan<int> ids, IBufferWriter<byte> output, bool skipSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_tokenBytes.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} is outside the vocabulary [0, {_tokenBytes.Length}).");
            if (skipSpecial && _isSpecial[id])
                continue;
            output.Write(_tokenBytes[id]);
        }
    }

    /// <summary>Splits text into pre-tokenizer pieces (for inspection and tests).</summary>
    public IReadOnlyList<string> PreTokenize(string text)
    {
        string t = PreTokenizer.AddPrefixSpace && text.Length > 0 && text[0] != ' ' ? " " + text : text;
        var pieces = new List<(int Start, int Length)>();
        PreTokenizer.Split(t, pieces);
        return pieces.Select(p => t.Substring(p.Start, p.Length)).ToList();
    }

    /// <summary>Saves as a Hugging Face tokenizer.json (atomic write).</summary>
    public void Save(string path) => TokenizerJson.Save(this, path);

    /// <summary>The Hugging Face tokenizer.json text.</summary>
    public string ToJson() => TokenizerJson.ToJson(this);

    /// <summary>Loads a Hugging Face byte-level BPE tokenizer.json; unsupported features give an <see cref="InvalidDataException"/> naming the field.</summary>
    public static BpeTokenizer Load(string path) => TokenizerJson.Load(path);

    /// <summary>Parses tokenizer.json text; <paramref name="sourceName"/> names it in errors.</summary>
    public static BpeTokenizer FromJson(string json, string sourceName = "tokenizer.json") => TokenizerJson.Parse(json, sourceName);

    private int FindRole(string[] candidates)
    {
        foreach (string c in candidates)
        {
            foreach (var (content, id) in _specials)
            {
                if (content == c)
                    return id;
            }
        }
        return -1;
    }

    private void EncodeOrdinary(ReadOnlySpan<char> text, List<int> output)
    {
        if (text.IsEmpty)
            return;
        if (PreTokenizer.AddPrefixSpace && text[0] != ' ')
        {
            // GPT-2's add_prefix_space: rare in Sift (its own tokenizers never set it), so a copy is fine.
            text = string.Concat(" ", text).AsSpan();
        }
        var pieces = t_pieces ??= new List<(int, int)>();
        pieces.Clear();
        PreTokenizer.Split(text, pieces);
        // Copy: a nested Encode on this thread (none today) must not see a half-used list.
        int count = pieces.Count;
        (int Start, int Length)[] rented = ArrayPool<(int, int)>.Shared.Rent(count);
        try
        {
            pieces.CopyTo(rented);
            for (int k = 0; k < count; k++)
                EncodePiece(text.Slice(rented[k].Start, rented[k].Length), output);
        }
        finally
        {
            ArrayPool<(int, int)>.Shared.Return(rented);
        }
    }

    private void EncodePiece(ReadOnlySpan<char> piece, List<int> output)
    {
        if (_cacheLookup.TryGetValue(piece, out int[]? cached))
        {
            output.AddRange(cached);
            return;
        }
        int maxBytes = Encoding.UTF8.GetMaxByteCount(piece.Length);
        byte[]? rentedBytes = null;
        int[]? rentedIds = null;
        Span<byte> bytes = maxBytes <= 1024 ? stackalloc byte[maxBytes] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int nb = Encoding.UTF8.GetBytes(piece, bytes);
            Span<int> syms = nb <= 256 ? stackalloc int[nb] : (rentedIds = ArrayPool<int>.Shared.Rent(nb)).AsSpan(0, nb);
            int n;
            if (IgnoreMerges && TryWholePiece(bytes[..nb], out int whole))
            {
                syms[0] = whole;
                n = 1;
            }
            else
            {
                for (int i = 0; i < nb; i++)
                    syms[i] = _byteToId[bytes[i]];
                n = Merges.Apply(syms, nb);
            }
            ReadOnlySpan<int> result = syms[..n];
            foreach (int id in result)
                output.Add(id);
            if (piece.Length <= MaxCachedPieceChars)
            {
                // ConcurrentDictionary.Count takes every lock, so keep our own (approximate) count.
                if (Volatile.Read(ref _cacheCount) >= MaxCacheEntries)
                {
                    _cache.Clear();
                    Volatile.Write(ref _cacheCount, 0);
                }
                if (_cacheLookup.TryAdd(piece, result.ToArray()))
                    Interlocked.Increment(ref _cacheCount);
            }
        }
        finally
        {
            if (rentedBytes is not null)
                ArrayPool<byte>.Shared.Return(rentedBytes);
            if (rentedIds is not null)
                ArrayPool<int>.Shared.Return(rentedIds);
        }
    }

    // Llama 3's ignore_merges: a piece that is itself in the vocabulary is one token.
    private bool TryWholePiece(ReadOnlySpan<byte> bytes, out int id)
    {
        Span<char> chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            chars[i] = ByteLevelAlphabet.ByteToChar[bytes[i]];
        return _vocabLookup.TryGetValue(chars, out id) && !_isSpecial[id];
    }
}
