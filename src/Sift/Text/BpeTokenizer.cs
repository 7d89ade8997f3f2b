using System.Buffers;
using System.Collections.Concurrent;
using System.Text;

namespace Sift.Text;

/// <summary>
/// A BPE tokenizer (Sennrich et al. 2016) that encodes and decodes exactly as Hugging Face's
/// <c>tokenizers</c> does for the <c>tokenizer.json</c> files it accepts: byte-level BPE (GPT-2, Llama 3,
/// Qwen; Sift's own) and SentencePiece-style BPE (Llama 2, Mistral, TinyLlama: <c>▁</c> for spaces,
/// <c>&lt;0xNN&gt;</c> byte tokens for characters outside the vocabulary). The pipeline is Hugging Face's:
/// added tokens are split out of the text, the rest is normalized, pre-tokenized into pieces, and ranked
/// merges run inside each piece. Decoding runs the file's decoder. Sift's own tokenizers isolate every
/// digit, then apply the GPT-2 regex, and decoding concatenates token bytes, so any valid Unicode string
/// round-trips exactly. Thread-safe: encoding may run on many threads at once.
/// </summary>
public sealed class BpeTokenizer
{
    /// <summary>Cache entries kept before the piece cache is cleared (bounds memory on huge corpora).</summary>
    private const int MaxCacheEntries = 200_000;

    /// <summary>Pieces longer than this (chars) are not cached: they are rare and would bloat the cache.</summary>
    private const int MaxCachedPieceChars = 64;

    private readonly BpeTokenizerDefinition _def;
    private readonly string[] _tokens;
    private readonly bool[] _isSpecial;
    private readonly bool[] _inModel;
    private readonly Dictionary<string, int> _tokenToId;
    private readonly Dictionary<string, int> _modelVocab;
    private readonly int[] _byteToId;
    private readonly int[] _fallbackByteId;
    private readonly int _unkId;
    private readonly AddedToken[] _added;
    private readonly AddedTokenSplitter _rawSplitter;
    private readonly AddedTokenSplitter _normalizedSplitter;
    private readonly TokenDecoder? _decoder;
    private readonly byte[][] _tokenBytes;
    private readonly ConcurrentDictionary<string, int[]> _cache = new(StringComparer.Ordinal);
    private int _cacheCount;
    private readonly ConcurrentDictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _cacheLookup;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _modelLookup;

    [ThreadStatic]
    private static List<PreTokenizerPiece>? t_pieces;

    internal BpeTokenizer(
        string[] tokens,
        IReadOnlyList<(int Left, int Right, int Merged)> merges,
        IReadOnlyList<(string Content, int Id)> specials,
        PreTokenizer preTokenizer,
        bool ignoreMerges,
        string source)
        : this(new BpeTokenizerDefinition
        {
            Tokens = tokens,
            ModelIds = Enumerable.Range(0, tokens.Length).ToHashSet(),
            Merges = merges,
            AddedTokens = specials.Select(s => new AddedToken(s.Id, s.Content, Special: true, Normalized: false)).ToArray(),
            PreTokenizer = preTokenizer,
            Decoder = ByteLevelDecoder.Default(),
            IgnoreMerges = ignoreMerges,
            Source = source,
        })
    {
    }

    internal BpeTokenizer(BpeTokenizerDefinition definition)
    {
        _def = definition;
        string source = definition.Source;
        _tokens = definition.Tokens;
        Merges = new BpeMerges(definition.Merges);
        PreTokenizer = definition.PreTokenizer;
        IgnoreMerges = definition.IgnoreMerges;
        _decoder = definition.Decoder;
        int v = _tokens.Length;
        _isSpecial = new bool[v];
        _inModel = new bool[v];
        _added = definition.AddedTokens.OrderBy(a => a.Id).ToArray();
        _modelVocab = new Dictionary<string, int>(v, StringComparer.Ordinal);
        foreach (int id in definition.ModelIds.Order())
        {
            _inModel[id] = true;
            _modelVocab.TryAdd(_tokens[id], id);
        }
        _tokenToId = new Dictionary<string, int>(v, StringComparer.Ordinal);
        // Hugging Face's token_to_id: added tokens first, then the model's vocabulary.
        foreach (var a in _added)
        {
            _isSpecial[a.Id] = a.Special;
            _tokenToId.TryAdd(a.Content, a.Id);
        }
        foreach (var (t, id) in _modelVocab)
            _tokenToId.TryAdd(t, id);

        IsByteLevel = PreTokenizer?.IsByteLevel == true;
        _byteToId = new int[256];
        _fallbackByteId = new int[256];
        for (int b = 0; b < 256; b++)
        {
            if (IsByteLevel)
            {
                string s = ByteLevelAlphabet.ByteToChar[b].ToString();
                if (!_modelVocab.TryGetValue(s, out _byteToId[b]))
                    throw new InvalidDataException($"{source}: model.vocab has no token for byte 0x{b:X2} ('{s}'); a byte-level BPE vocabulary needs all 256 bytes.");
            }
            _fallbackByteId[b] = _modelVocab.TryGetValue($"<0x{b:X2}>", out int fb) ? fb : -1;
        }
        _unkId = -1;
        if (definition.UnkToken is { } unk && !_modelVocab.TryGetValue(unk, out _unkId))
            throw new InvalidDataException($"{source}: model.unk_token '{unk}' is not in model.vocab.");

        // Added tokens: those with normalized=false are found in the raw text; the others in the normalized
        // text, where Hugging Face looks for their normalized form.
        _rawSplitter = new AddedTokenSplitter(_added.Where(a => !a.Normalized).Select(a => (a.Content, a)));
        _normalizedSplitter = new AddedTokenSplitter(_added.Where(a => a.Normalized)
            .Select(a => (definition.Normalizer?.Normalize(a.Content) ?? a.Content, a)));

        _tokenBytes = new byte[v][];
        var scratch = new List<byte>();
        for (int id = 0; id < v; id++)
        {
            scratch.Clear();
            if (_decoder is ByteLevelDecoder)
                ByteLevelDecoder.AppendBytes(_tokens[id], scratch);
            else if (definition.ByteFallback && ByteFallbackDecoder.TryByte(_tokens[id], out byte fb))
                scratch.Add(fb);
            else
                scratch.AddRange(Encoding.UTF8.GetBytes(_tokens[id]));
            _tokenBytes[id] = scratch.ToArray();
        }

        SpecialTokens = _added.Where(a => a.Special).Select(a => a.Content).ToArray();
        _cacheLookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _modelLookup = _modelVocab.GetAlternateLookup<ReadOnlySpan<char>>();

        // The BOS a sequence starts with is the tokenizer's own rule: what its post_processor puts in
        // front (Llama 2 and 3: BOS; Qwen: nothing). Sift's own tokenizers have no post_processor and
        // always start with <|bos|>, so they keep doing so. Token names only guess the roles otherwise.
        int[] leading = definition.PostProcessor.LeadingIds();
        int siftBos = TokenToId(Sift.Text.SpecialTokens.Bos);
        PrefixIds = leading.Length > 0 ? leading : siftBos >= 0 && IsSpecial(siftBos) ? [siftBos] : [];
        BosId = leading.Length == 1 ? leading[0] : FindRole(Sift.Text.SpecialTokens.BosCandidates);
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

    /// <summary>
    /// Beginning-of-sequence id (<c>&lt;|bos|&gt;</c>; for foreign tokenizers the one their post_processor
    /// adds, else tokenizer_config's <c>bos_token</c> (<see cref="WithConfig"/>), else the conventional
    /// equivalent, else EOS). A role only: whether a sequence starts with it is <see cref="PrefixIds"/>.
    /// </summary>
    public int BosId { get; private set; }

    /// <summary>End-of-sequence id (<c>&lt;|eos|&gt;</c>, tokenizer_config's <c>eos_token</c>, or the conventional equivalent).</summary>
    public int EosId { get; private set; }

    /// <summary>Padding id (<c>&lt;|pad|&gt;</c>, tokenizer_config's <c>pad_token</c>; else EOS).</summary>
    public int PadId { get; private set; }

    /// <summary>
    /// The ids a prompt starts with, as the tokenizer's own rules add them: the post_processor's leading
    /// special tokens (Llama: BOS; Qwen: none), tokenizer_config's <c>add_bos_token</c> where set
    /// (<see cref="WithConfig"/>), and <c>&lt;|bos|&gt;</c> for Sift's own tokenizers.
    /// </summary>
    public IReadOnlyList<int> PrefixIds { get; private set; }

    /// <summary>
    /// This tokenizer with the roles of a model's <c>tokenizer_config.json</c>: <c>bos_token</c>,
    /// <c>eos_token</c> and <c>pad_token</c> name the roles, and <c>add_bos_token</c> decides whether
    /// prompts start with BOS (as transformers' Llama tokenizers rebuild their post_processor from it).
    /// A token the file names that the vocabulary lacks is an error naming the file and the field.
    /// </summary>
    public BpeTokenizer WithConfig(Sift.Text.Chat.TokenizerConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int Role(string field, string? content, int fallback)
        {
            if (content is null) return fallback;
            int id = TokenToId(content);
            return id >= 0 ? id : throw new InvalidDataException($"{config.Source}: field '{field}': '{content}' is not a token of {_def.Source}");
        }
        var copy = (BpeTokenizer)MemberwiseClone();
        copy.BosId = Role("bos_token", config.BosToken, BosId);
        copy.EosId = Role("eos_token", config.EosToken, EosId);
        copy.PadId = Role("pad_token", config.SpecialTokens.GetValueOrDefault("pad_token"), PadId);
        if (config.AddBosToken == false)
            copy.PrefixIds = PrefixIds.Where(id => id != copy.BosId).ToArray();
        else if (config.AddBosToken == true && config.BosToken is not null && !PrefixIds.Contains(copy.BosId))
            copy.PrefixIds = [copy.BosId, .. PrefixIds];
        copy.Config = config;
        return copy;
    }

    /// <summary>The tokenizer_config.json given to <see cref="WithConfig"/>, or null.</summary>
    public Sift.Text.Chat.TokenizerConfig? Config { get; private set; }

    /// <summary>
    /// The ids of a prompt: <see cref="PrefixIds"/>, then <paramref name="text"/> (special tokens written in
    /// it recognised when <paramref name="allowSpecial"/>, as for rendered chat templates). The prefix is
    /// not added again when the text already starts with it (a chat template that writes
    /// <c>{{ bos_token }}</c> itself), so a prompt never has two BOS.
    /// </summary>
    public int[] EncodePrompt(string text, bool allowSpecial)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = Encode(text, allowSpecial);
        var prefix = PrefixIds;
        bool has = body.Length >= prefix.Count;
        for (int i = 0; has && i < prefix.Count; i++) has = body[i] == prefix[i];
        return has ? body : [.. prefix, .. body];
    }

    /// <summary>The special tokens' texts, by id.</summary>
    public IReadOnlyList<string> SpecialTokens { get; }

    /// <summary>The added tokens (tokenizer.json's added_tokens), by id.</summary>
    public IReadOnlyList<AddedToken> AddedTokens => _added;

    /// <summary>Number of merges.</summary>
    public int MergeCount => Merges.List.Count;

    /// <summary>Whether the model works on UTF-8 bytes (a ByteLevel pre-tokenizer), as GPT-2, Llama 3 and Qwen do.</summary>
    public bool IsByteLevel { get; }

    internal BpeMerges Merges { get; }

    internal PreTokenizer? PreTokenizer { get; }

    internal bool IgnoreMerges { get; }

    internal BpeTokenizerDefinition Definition => _def;

    internal IReadOnlyList<string> Tokens => _tokens;

    internal bool InModelVocab(int id) => _inModel[id];

    /// <summary>Whether <paramref name="id"/> is a special token.</summary>
    public bool IsSpecial(int id) => (uint)id < (uint)_isSpecial.Length && _isSpecial[id];

    /// <summary>The token's vocabulary string (as in tokenizer.json: byte-level alphabet, or <c>▁</c> for spaces; added tokens as written).</summary>
    public string IdToToken(int id) => (uint)id < (uint)_tokens.Length
        ? _tokens[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id must be in [0, {_tokens.Length}).");

    /// <summary>The id of a vocabulary string or an added token's text, or -1.</summary>
    public int TokenToId(string token) => _tokenToId.TryGetValue(token, out int id) ? id : -1;

    /// <summary>
    /// The raw bytes a token stands for: through the byte-level alphabet for byte-level tokenizers (UTF-8 of
    /// the text for added tokens outside it); the byte of a <c>&lt;0xNN&gt;</c> token; else the UTF-8 of its text.
    /// </summary>
    public ReadOnlySpan<byte> TokenBytes(int id) => (uint)id < (uint)_tokenBytes.Length
        ? _tokenBytes[id]
        : throw new ArgumentOutOfRangeException(nameof(id), id, $"Token id must be in [0, {_tokens.Length}).");

    /// <summary>
    /// Encodes <paramref name="text"/> (no post-processor: no BOS is added). Special tokens are recognised
    /// in the text only when <paramref name="allowSpecial"/> (otherwise they are encoded as ordinary text, as
    /// Hugging Face's <c>encode_special_tokens</c>/<c>split_special_tokens</c> does); non-special added
    /// tokens are always split out.
    /// </summary>
    public int[] Encode(string text, bool allowSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>(text.Length / 3 + 4);
        EncodeText(text, ids, allowSpecial);
        return ids.ToArray();
    }

    /// <summary>Encodes <paramref name="text"/>, appending ids to <paramref name="output"/>.</summary>
    public void Encode(ReadOnlySpan<char> text, List<int> output, bool allowSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        EncodeText(text.ToString(), output, allowSpecial);
    }

    /// <summary>
    /// The ids with what the tokenizer's <c>post_processor</c> adds around one sequence, as Hugging Face's
    /// <c>encode(text, add_special_tokens=True)</c> (Llama 2 and 3: BOS first; Qwen: nothing). An unsupported
    /// post_processor throws <see cref="InvalidDataException"/> naming the file and field.
    /// </summary>
    public int[] PostProcess(ReadOnlySpan<int> ids) => _def.PostProcessor.Apply(ids);

    /// <summary>Counts the tokens of <paramref name="text"/> without special tokens.</summary>
    public int CountTokens(ReadOnlySpan<char> text)
    {
        var ids = new List<int>();
        EncodeText(text.ToString(), ids, allowSpecial: false);
        return ids.Count;
    }

    /// <summary>
    /// Decodes ids to text through the tokenizer's decoder, exactly as Hugging Face's <c>decode</c>
    /// (bytes that do not form valid UTF-8 become U+FFFD). Special tokens decode to their text unless
    /// <paramref name="skipSpecial"/>.
    /// </summary>
    public string Decode(ReadOnlySpan<int> ids, bool skipSpecial = false)
    {
        if (_decoder is ByteLevelDecoder)
        {
            // The ByteLevel decoder joins every token's bytes (precomputed, with its own rule) and decodes
            // them once, so the bytes can be joined directly.
            var buffer = new ArrayBufferWriter<byte>(Math.Max(16, ids.Length * 4));
            DecodeBytes(ids, buffer, skipSpecial);
            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }
        var tokens = new List<string>(ids.Length);
        foreach (int id in ids)
        {
            if ((uint)id >= (uint)_tokens.Length)
                throw new ArgumentOutOfRangeException(nameof(ids), id, $"Token id {id} is outside the vocabulary [0, {_tokens.Length}).");
            if (skipSpecial && _isSpecial[id])
                continue;
            tokens.Add(_tokens[id]);
        }
        if (_decoder is null)
            return string.Join(' ', tokens); // Hugging Face without a decoder
        return _decoder.Decode(tokens);
    }

    /// <summary>Appends the raw bytes (<see cref="TokenBytes"/>) of <paramref name="ids"/> to <paramref name="output"/>.</summary>
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

    /// <summary>Normalizes and splits text into pre-tokenizer pieces (for inspection and tests; added tokens are not split out).</summary>
    public IReadOnlyList<string> PreTokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string n = _def.Normalizer?.Normalize(text) ?? text;
        var pieces = new List<PreTokenizerPiece>();
        var whole = new PreTokenizerPiece(n, 0, n.Length, true);
        if (n.Length == 0)
            return [];
        if (PreTokenizer is null)
            pieces.Add(whole);
        else
            PreTokenizer.Split(whole, pieces);
        return pieces.Select(p => p.ToString()).ToList();
    }

    /// <summary>Saves as a Hugging Face tokenizer.json (atomic write).</summary>
    public void Save(string path) => TokenizerJson.Save(this, path);

    /// <summary>The Hugging Face tokenizer.json text.</summary>
    public string ToJson() => TokenizerJson.ToJson(this);

    /// <summary>Loads a Hugging Face tokenizer.json (BPE); unsupported features give an <see cref="InvalidDataException"/> naming the file and the field.</summary>
    public static BpeTokenizer Load(string path) => TokenizerJson.Load(path);

    /// <summary>Parses tokenizer.json text; <paramref name="sourceName"/> names it in errors.</summary>
    public static BpeTokenizer FromJson(string json, string sourceName = "tokenizer.json") => TokenizerJson.Parse(json, sourceName);

    private int FindRole(string[] candidates)
    {
        foreach (string c in candidates)
        {
            foreach (var a in _added)
            {
                if (a.Content == c)
                    return a.Id;
            }
        }
        return -1;
    }

    // Hugging Face's AddedVocabulary::extract_and_normalize, then pre-tokenization and the model.
    private void EncodeText(string text, List<int> output, bool allowSpecial)
    {
        if (text.Length == 0)
            return;
        Func<AddedToken, bool> skip = allowSpecial ? static _ => false : static a => a.Special;
        int pos = 0;
        foreach (var (s, e, token) in _rawSplitter.Find(text, skip))
        {
            if (s > pos)
                EncodeSegment(text.Substring(pos, s - pos), pos == 0, output, skip);
            output.Add(token.Id);
            pos = e;
        }
        if (pos < text.Length)
            EncodeSegment(pos == 0 ? text : text[pos..], pos == 0, output, skip);
    }

    private void EncodeSegment(string segment, bool atOrigin, List<int> output, Func<AddedToken, bool> skip)
    {
        string n = _def.Normalizer?.Normalize(segment) ?? segment;
        if (n.Length == 0)
            return;
        int pos = 0;
        foreach (var (s, e, token) in _normalizedSplitter.Find(n, skip))
        {
            if (s > pos)
                EncodePieces(new PreTokenizerPiece(n, pos, s - pos, atOrigin && pos == 0), output);
            output.Add(token.Id);
            pos = e;
        }
        if (pos < n.Length)
            EncodePieces(new PreTokenizerPiece(n, pos, n.Length - pos, atOrigin && pos == 0), output);
    }

    private void EncodePieces(PreTokenizerPiece segment, List<int> output)
    {
        if (PreTokenizer is null)
        {
            EncodePiece(segment.Span, output);
            return;
        }
        var pieces = t_pieces ??= [];
        pieces.Clear();
        PreTokenizer.Split(segment, pieces);
        // Copy: the thread-static list must not be reused while we still read it.
        int count = pieces.Count;
        PreTokenizerPiece[] rented = ArrayPool<PreTokenizerPiece>.Shared.Rent(count);
        try
        {
            pieces.CopyTo(rented);
            for (int k = 0; k < count; k++)
                EncodePiece(rented[k].Span, output);
        }
        finally
        {
            Array.Clear(rented, 0, count); // drop the strings; the rest of the array was cleared before
            ArrayPool<PreTokenizerPiece>.Shared.Return(rented);
        }
    }

    private void EncodePiece(ReadOnlySpan<char> piece, List<int> output)
    {
        if (piece.IsEmpty)
            return;
        if (_cacheLookup.TryGetValue(piece, out int[]? cached))
        {
            output.AddRange(cached);
            return;
        }
        int[] result = IsByteLevel ? EncodeBytePiece(piece) : EncodeCharPiece(piece);
        output.AddRange(result);
        if (piece.Length <= MaxCachedPieceChars)
        {
            // ConcurrentDictionary.Count takes every lock, so keep our own (approximate) count.
            if (Volatile.Read(ref _cacheCount) >= MaxCacheEntries)
            {
                _cache.Clear();
                Volatile.Write(ref _cacheCount, 0);
            }
            if (_cacheLookup.TryAdd(piece, result))
                Interlocked.Increment(ref _cacheCount);
        }
    }

    // Byte-level: the piece's UTF-8 bytes are the initial symbols (the ByteLevel pre-tokenizer's mapping).
    private int[] EncodeBytePiece(ReadOnlySpan<char> piece)
    {
        int maxBytes = Encoding.UTF8.GetMaxByteCount(piece.Length);
        byte[]? rentedBytes = null;
        int[]? rentedIds = null;
        Span<byte> bytes = maxBytes <= 1024 ? stackalloc byte[maxBytes] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            int nb = Encoding.UTF8.GetBytes(piece, bytes);
            if (IgnoreMerges && TryWholeBytePiece(bytes[..nb], out int whole))
                return [whole];
            Span<int> syms = nb <= 256 ? stackalloc int[nb] : (rentedIds = ArrayPool<int>.Shared.Rent(nb)).AsSpan(0, nb);
            for (int i = 0; i < nb; i++)
                syms[i] = _byteToId[bytes[i]];
            int n = Merges.Apply(syms, nb);
            return syms[..n].ToArray();
        }
        finally
        {
            if (rentedBytes is not null)
                ArrayPool<byte>.Shared.Return(rentedBytes);
            if (rentedIds is not null)
                ArrayPool<int>.Shared.Return(rentedIds);
        }
    }

    // Llama 3's ignore_merges: a piece that is itself in the model's vocabulary is one token.
    private bool TryWholeBytePiece(ReadOnlySpan<byte> bytes, out int id)
    {
        Span<char> chars = bytes.Length <= 512 ? stackalloc char[bytes.Length] : new char[bytes.Length];
        for (int i = 0; i < bytes.Length; i++)
            chars[i] = ByteLevelAlphabet.ByteToChar[bytes[i]];
        return _modelLookup.TryGetValue(chars, out id);
    }

    // SentencePiece-style (Hugging Face's BPE::merge_word): each code point is a symbol if the vocabulary
    // has it; otherwise its UTF-8 bytes as <0xNN> tokens (byte_fallback), else the unknown token (runs of
    // unknown characters fused into one with fuse_unk), else it is dropped, as Hugging Face drops it.
    private int[] EncodeCharPiece(ReadOnlySpan<char> piece)
    {
        if (IgnoreMerges && _modelLookup.TryGetValue(piece, out int whole))
            return [whole];
        var syms = new List<int>(piece.Length);
        bool pendingUnk = false;
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < piece.Length;)
        {
            int w = char.IsHighSurrogate(piece[i]) && i + 1 < piece.Length && char.IsLowSurrogate(piece[i + 1]) ? 2 : 1;
            ReadOnlySpan<char> ch = piece.Slice(i, w);
            i += w;
            if (_modelLookup.TryGetValue(ch, out int id))
            {
                if (pendingUnk)
                    syms.Add(_unkId);
                pendingUnk = false;
                syms.Add(id);
                continue;
            }
            if (_def.ByteFallback)
            {
                int nb = Encoding.UTF8.GetBytes(ch, utf8);
                bool all = true;
                for (int k = 0; k < nb; k++)
                    all &= _fallbackByteId[utf8[k]] >= 0;
                if (all)
                {
                    if (pendingUnk)
                        syms.Add(_unkId);
                    pendingUnk = false;
                    for (int k = 0; k < nb; k++)
                        syms.Add(_fallbackByteId[utf8[k]]);
                    continue;
                }
            }
            if (_unkId >= 0)
            {
                if (pendingUnk && !_def.FuseUnk)
                    syms.Add(_unkId);
                pendingUnk = true;
            }
        }
        if (pendingUnk)
            syms.Add(_unkId);
        int[] arr = syms.ToArray();
        int n = Merges.Apply(arr, arr.Length);
        return n == arr.Length ? arr : arr[..n];
    }
}
