namespace Sift.Text;

/// <summary>
/// The ranked merge list of a BPE model (Sennrich et al. 2016, "Neural Machine Translation of Rare Words
/// with Subword Units"; byte-level as GPT-2): applying it to a piece repeatedly merges the adjacent
/// pair with the lowest rank, leftmost first, until no adjacent pair has a rank.
/// </summary>
internal sealed class BpeMerges
{
    /// <summary>Pieces longer than this use the heap merge (O(n log n)); shorter ones the simple scan.</summary>
    internal const int HeapThreshold = 48;

    private readonly Dictionary<long, (int Rank, int Merged)> _ranks;

    public BpeMerges(IReadOnlyList<(int Left, int Right, int Merged)> merges)
    {
        _ranks = new Dictionary<long, (int, int)>(merges.Count);
        for (int r = 0; r < merges.Count; r++)
        {
            var (a, b, m) = merges[r];
            // A duplicated merge keeps its first (best) rank, as Hugging Face does.
            _ranks.TryAdd(Key(a, b), (r, m));
        }
        List = merges.ToArray();
    }

    /// <summary>The merges in rank order.</summary>
    public IReadOnlyList<(int Left, int Right, int Merged)> List { get; }

    public static long Key(int left, int right) => ((long)left << 32) | (uint)right;

    /// <summary>Merges <paramref name="symbols"/>[..count] in place; returns the new count.</summary>
    public int Apply(Span<int> symbols, int count) =>
        count <= HeapThreshold ? ApplyScan(symbols, count) : ApplyHeap(symbols, count);

    /// <summary>
    /// Simple O(n²) merge for short pieces: repeatedly merge the one leftmost occurrence of the lowest-ranked
    /// pair, exactly the order of Hugging Face's heap (lowest rank, then lowest position). Merging every
    /// occurrence of that pair in one pass would be faster but is not the same when a pair a merge creates
    /// outranks the pair just merged, which SentencePiece-derived merge lists allow (Gemma's runs of "▁").
    /// </summary>
    internal int ApplyScan(Span<int> s, int n)
    {
        while (n > 1)
        {
            int bestRank = int.MaxValue, bestMerged = -1, bestAt = -1;
            for (int i = 0; i + 1 < n; i++)
            {
                if (_ranks.TryGetValue(Key(s[i], s[i + 1]), out var rm) && rm.Rank < bestRank)
                {
                    bestRank = rm.Rank;
                    bestMerged = rm.Merged;
                    bestAt = i;
                }
            }
            if (bestMerged < 0)
                break;
            s[bestAt] = bestMerged;
            s.Slice(bestAt + 2, n - bestAt - 2).CopyTo(s[(bestAt + 1)..]);
            n--;
        }
        return n;
    }

    /// <summary>
    /// Heap merge for long pieces (as Hugging Face's Word::merge_all): a priority queue of (rank, position)
    /// over a linked list of symbols; stale entries are skipped when popped.
    /// </summary>
    internal int ApplyHeap(Span<int> s, int n)
    {
        var prev = new int[n];
        var next = new int[n];
        var alive = new bool[n];
        for (int i = 0; i < n; i++)
        {
            prev[i] = i - 1;
            next[i] = i + 1 < n ? i + 1 : -1;
            alive[i] = true;
        }
        var sym = s[..n].ToArray();
        var queue = new PriorityQueue<(int Pos, int Left, int Right), (int Rank, int Pos)>();
        for (int i = 0; i + 1 < n; i++)
            Push(queue, i, sym[i], sym[i + 1]);

        while (queue.TryDequeue(out var item, out _))
        {
            int i = item.Pos;
            int j = next[i];
            // Stale when either symbol was consumed or changed since the entry was pushed.
            if (!alive[i] || j < 0 || sym[i] != item.Left || sym[j] != item.Right)
                continue;
            int merged = _ranks[Key(item.Left, item.Right)].Merged;
            sym[i] = merged;
            alive[j] = false;
            next[i] = next[j];
            if (next[j] >= 0)
                prev[next[j]] = i;
            if (prev[i] >= 0)
                Push(queue, prev[i], sym[prev[i]], merged);
            if (next[i] >= 0)
                Push(queue, i, merged, sym[next[i]]);
        }

        int w = 0;
        for (int i = 0; i >= 0; i = next[i])
            s[w++] = sym[i];
        return w;
    }

    private void Push(PriorityQueue<(int, int, int), (int, int)> q, int pos, int left, int right)
    {
        if (_ranks.TryGetValue(Key(left, right), out var rm))
            q.Enqueue((pos, left, right), (rm.Rank, pos));
    }
}
