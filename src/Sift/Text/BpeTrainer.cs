using System.Text;

namespace Sift.Text;

/// <summary>
/// Learns a byte-level BPE vocabulary (Sennrich et al. 2016; GPT-2's byte-level variant) from a corpus.
/// The corpus is split by Sift's pre-tokenizer (every digit alone, then the GPT-2 regex), distinct pieces
/// are counted, and the most frequent adjacent pair is merged until the vocabulary is full. Pair counts
/// are updated incrementally: each merge touches only the words that contain its pair.
/// Ties between equally frequent pairs go to the pair with the smaller (left id, right id), so training
/// is deterministic. Ids: 0..255 the bytes in GPT-2's order, then merged tokens, then special tokens.
/// </summary>
public static class BpeTrainer
{
    /// <summary>
    /// Trains a tokenizer with (at most) <paramref name="vocabSize"/> ids in total, special tokens included.
    /// <paramref name="specialTokens"/> defaults to <see cref="SpecialTokens.Default"/> (BOS, EOS, PAD).
    /// </summary>
    public static BpeTokenizer Train(IEnumerable<string> corpus, int vocabSize, IReadOnlyList<string>? specialTokens = null, BpeTrainerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(corpus);
        specialTokens ??= SpecialTokens.Default;
        options ??= new BpeTrainerOptions();
        if (specialTokens.Distinct(StringComparer.Ordinal).Count() != specialTokens.Count || specialTokens.Any(string.IsNullOrEmpty))
            throw new ArgumentException("Special tokens must be distinct and non-empty.", nameof(specialTokens));
        if (!specialTokens.Contains(SpecialTokens.Eos) && !specialTokens.Any(s => SpecialTokens.EosCandidates.Contains(s)))
            throw new ArgumentException($"Special tokens must include an end-of-sequence token such as {SpecialTokens.Eos}.", nameof(specialTokens));
        int minVocab = 256 + specialTokens.Count;
        if (vocabSize < minVocab)
            throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, $"A byte-level vocabulary needs at least 256 byte tokens plus {specialTokens.Count} special tokens = {minVocab}.");

        var pre = PreTokenizer.Default();
        var wordCounts = CountPieces(corpus, pre);

        // Tokens: bytes in GPT-2 order first.
        var tokens = new List<string>(vocabSize);
        var tokenIds = new Dictionary<string, int>(StringComparer.Ordinal);
        var byteToId = new int[256];
        foreach (byte b in ByteLevelAlphabet.GptOrder)
        {
            byteToId[b] = tokens.Count;
            string s = ByteLevelAlphabet.ByteToChar[b].ToString();
            tokenIds[s] = tokens.Count;
            tokens.Add(s);
        }

        // Words, sorted so everything downstream is independent of dictionary order.
        var keys = wordCounts.Keys.ToArray();
        Array.Sort(keys, StringComparer.Ordinal);
        int nw = keys.Length;
        var words = new int[nw][];
        var lengths = new int[nw];
        var freq = new long[nw];
        for (int w = 0; w < nw; w++)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(keys[w]);
            words[w] = new int[bytes.Length];
            for (int i = 0; i < bytes.Length; i++)
                words[w][i] = byteToId[bytes[i]];
            lengths[w] = bytes.Length;
            freq[w] = wordCounts[keys[w]];
        }

        var pairCounts = new Dictionary<long, long>();
        var where = new Dictionary<long, List<int>>();
        for (int w = 0; w < nw; w++)
        {
            int[] s = words[w];
            for (int i = 0; i + 1 < lengths[w]; i++)
            {
                long key = BpeMerges.Key(s[i], s[i + 1]);
                pairCounts[key] = pairCounts.GetValueOrDefault(key) + freq[w];
                AddWhere(where, key, w);
            }
        }
        var queue = new PriorityQueue<long, (long Count, long Pair)>(pairCounts.Count, PairOrder.Instance);
        foreach (var (key, count) in pairCounts)
            queue.Enqueue(key, (count, key));

        var merges = new List<(int, int, int)>();
        int wantedOrdinary = vocabSize - specialTokens.Count;
        int wantedMerges = wantedOrdinary - 256;
        var touched = new HashSet<long>();
        while (tokens.Count < wantedOrdinary && queue.TryDequeue(out long pair, out var pri))
        {
            long current = pairCounts.GetValueOrDefault(pair);
            if (current != pri.Count)
            {
                // Stale entry: the count changed since it was queued.
                if (current > 0)
                    queue.Enqueue(pair, (current, pair));
                continue;
            }
            if (current < Math.Max(1, options.MinPairFrequency))
                break;
            int left = (int)(pair >> 32), right = (int)(uint)pair;
            string mergedText = tokens[left] + tokens[right];
            // Two different splits can spell the same token ("ab"+"c" and "a"+"bc"): reuse its id, as Hugging Face does.
            if (!tokenIds.TryGetValue(mergedText, out int merged))
            {
                merged = tokens.Count;
                tokens.Add(mergedText);
                tokenIds[mergedText] = merged;
            }
            merges.Add((left, right, merged));
            touched.Clear();
            List<int> list = where[pair];
            where.Remove(pair);
            int lastW = -1;
            foreach (int w in list)
            {
                if (w == lastW)
                    continue;
                lastW = w;
                MergeWord(words[w], ref lengths[w], left, right, merged, freq[w], w, pairCounts, where, touched);
            }
            pairCounts.Remove(pair);
            foreach (long k in touched)
            {
                long c = pairCounts.GetValueOrDefault(k);
                if (c > 0)
                    queue.Enqueue(k, (c, k));
            }
            options.Progress?.Invoke(merges.Count, wantedMerges);
        }

        var specials = new List<(string, int)>();
        foreach (string s in specialTokens)
        {
            specials.Add((s, tokens.Count));
            tokens.Add(s);
        }
        return new BpeTokenizer(tokens.ToArray(), merges, specials, pre, ignoreMerges: false, source: "BpeTrainer");
    }

    private static void AddWhere(Dictionary<long, List<int>> where, long key, int w)
    {
        if (!where.TryGetValue(key, out var list))
            where[key] = list = new List<int>(2);
        // Words are visited in increasing order, so a repeat is always the last entry.
        if (list.Count == 0 || list[^1] != w)
            list.Add(w);
    }

    private static void MergeWord(int[] s, ref int n, int left, int right, int merged, long f, int w,
        Dictionary<long, long> pairCounts, Dictionary<long, List<int>> where, HashSet<long> touched)
    {
        bool found = false;
        for (int i = 0; i + 1 < n; i++)
        {
            if (s[i] == left && s[i + 1] == right)
            {
                found = true;
                break;
            }
        }
        if (!found)
            return;
        // Remove the word's old pairs, merge, add its new pairs: the word is short, so this is cheap
        // and obviously right even for overlapping occurrences ("a a a").
        for (int i = 0; i + 1 < n; i++)
        {
            long key = BpeMerges.Key(s[i], s[i + 1]);
            pairCounts[key] -= f;
        }
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (i + 1 < n && s[i] == left && s[i + 1] == right)
            {
                s[m++] = merged;
                i++;
            }
            else
            {
                s[m++] = s[i];
            }
        }
        n = m;
        for (int i = 0; i + 1 < n; i++)
        {
            long key = BpeMerges.Key(s[i], s[i + 1]);
            pairCounts[key] = pairCounts.GetValueOrDefault(key) + f;
            if (s[i] == merged || s[i + 1] == merged)
            {
                touched.Add(key);
                AddWhereUnordered(where, key, w);
            }
        }
    }

    private static void AddWhereUnordered(Dictionary<long, List<int>> where, long key, int w)
    {
        if (!where.TryGetValue(key, out var list))
            where[key] = list = new List<int>(2);
        if (list.Count == 0 || list[^1] != w)
            list.Add(w);
    }

    private static Dictionary<string, long> CountPieces(IEnumerable<string> corpus, PreTokenizer pre)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        var lookup = counts.GetAlternateLookup<ReadOnlySpan<char>>();
        var pieces = new List<PreTokenizerPiece>();
        foreach (string doc in corpus)
        {
            if (string.IsNullOrEmpty(doc))
                continue;
            pieces.Clear();
            pre.Split(new PreTokenizerPiece(doc, 0, doc.Length, AtOrigin: true), pieces);
            foreach (var p in pieces)
            {
                ReadOnlySpan<char> piece = p.Span;
                if (lookup.TryGetValue(piece, out long c))
                    lookup[piece] = c + 1;
                else
                    lookup[piece] = 1;
            }
        }
        return counts;
    }

    /// <summary>Most frequent first; ties to the smaller (left, right) id pair.</summary>
    private sealed class PairOrder : IComparer<(long Count, long Pair)>
    {
        public static readonly PairOrder Instance = new();

        public int Compare((long Count, long Pair) x, (long Count, long Pair) y) =>
            x.Count != y.Count ? y.Count.CompareTo(x.Count) : x.Pair.CompareTo(y.Pair);
    }
}
