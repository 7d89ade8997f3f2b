using System.Numerics.Tensors;

namespace Sift.Model.Sampling;

/// <summary>
/// Picks the next token from one row of logits: greedy, or temperature → top-k → top-p (the order of
/// Hugging Face's logits warpers) followed by one draw from the renormalised distribution. The
/// sampler owns its scratch buffers, so a call allocates nothing; use one sampler per thread.
/// Each non-greedy call consumes exactly one <see cref="Xoshiro256StarStar.NextDouble"/> of the
/// sequence's own generator; greedy consumes none. Results depend only on the logits, the options
/// and the generator state.
/// </summary>
public sealed class LogitsSampler
{
    private readonly float[] _probs;    // [V] exp((logit − max) / T)
    private readonly int[] _candidates; // [V] token ids that survive top-k
    private readonly float[] _sortKeys; // [V] probabilities for the nucleus quickselect
    private readonly float[] _heap;     // [V] min-heap of the k largest probabilities
    private readonly double[] _bucketMass = new double[BucketCount]; // nucleus: mass per probability bucket
    private readonly double[] _blockMass; // [V / Block] mass per block of ids, for the draw

    private const int BucketCount = 1024; // probabilities are ≤ 1: bits(1f) >> 20 = 1016
    private const int Block = 256;

    public LogitsSampler(int vocabSize)
    {
        if (vocabSize <= 0) throw new ArgumentOutOfRangeException(nameof(vocabSize), vocabSize, "vocab size must be positive");
        VocabSize = vocabSize;
        _probs = new float[vocabSize];
        _candidates = new int[vocabSize];
        _sortKeys = new float[vocabSize];
        _heap = new float[vocabSize];
        _blockMass = new double[(vocabSize + Block - 1) / Block];
    }

    public int VocabSize { get; }

    /// <summary>Argmax; ties go to the lowest id. NaN logits are an error.</summary>
    /// <param name="logits">[V]</param>
    public static int Greedy(ReadOnlySpan<float> logits)
    {
        if (logits.IsEmpty) throw new ArgumentException("logits row is empty", nameof(logits));
        float max = TensorPrimitives.Max(logits);
        int index = logits.IndexOf(max); // the first occurrence: the lowest id
        if (index < 0 || float.IsNaN(max)) throw new ArgumentException("logits contain NaN", nameof(logits));
        return index;
    }

    /// <summary>Picks a token id from <paramref name="logits"/> according to <paramref name="options"/>.</summary>
    /// <param name="logits">[V] one row of logits (V ≤ <see cref="VocabSize"/>).</param>
    public int Sample(ReadOnlySpan<float> logits, SamplingOptions options, ref Xoshiro256StarStar rng)
    {
        ArgumentNullException.ThrowIfNull(options);
        int v = logits.Length;
        if (v == 0 || v > VocabSize) throw new ArgumentException($"logits row has {v} entries; this sampler holds up to {VocabSize}", nameof(logits));
        float invTemperature = 1f / options.Temperature;
        if (options.IsGreedy || float.IsInfinity(invTemperature)) return Greedy(logits);

        // Temperature: p_i ∝ exp((x_i − max) / T); the largest is exactly 1.
        float max = TensorPrimitives.Max(logits);
        if (float.IsNaN(max)) throw new ArgumentException("logits contain NaN", nameof(logits));
        var probs = _probs.AsSpan(0, v);
        TensorPrimitives.Subtract(logits, max, probs);
        TensorPrimitives.Multiply(probs, invTemperature, probs);
        TensorPrimitives.Exp(probs, probs);

        // Top-k: keep every token at least as probable as the k-th (HF keeps ties at the boundary).
        int n;
        if (options.TopK > 0 && options.TopK < v)
        {
            float kth = KthLargest(probs, options.TopK);
            n = 0;
            for (int i = 0; i < v; i++)
            {
                if (probs[i] >= kth) _candidates[n++] = i;
            }
        }
        else
        {
            n = -1; // every token
        }

        if (options.TopP < 1f) return SampleNucleus(probs, n, options.TopP, ref rng);

        // Plain draw over the candidates, in id order.
        if (n < 0)
        {
            return DrawAll(probs, ref rng);
        }
        else
        {
            double total = 0;
            for (int j = 0; j < n; j++) total += probs[_candidates[j]];
            double u = rng.NextDouble() * total;
            double acc = 0;
            for (int j = 0; j < n; j++)
            {
                acc += probs[_candidates[j]];
                if (u < acc) return _candidates[j];
            }
            return _candidates[n - 1];
        }
    }

    /// <summary>Samples one token per row; row b uses <paramref name="rngs"/>[b] (each sequence its own stream).</summary>
    /// <param name="logits">[B, V] row-major.</param>
    /// <param name="rngs">[B] per-sequence generators, advanced in place.</param>
    /// <param name="tokens">[B] output token ids.</param>
    public void SampleRows(ReadOnlySpan<float> logits, SamplingOptions options, Span<Xoshiro256StarStar> rngs, Span<int> tokens)
    {
        int rows = tokens.Length;
        if (rows == 0) return;
        if (rngs.Length != rows || logits.Length % rows != 0)
        {
            throw new ArgumentException($"SampleRows: {logits.Length} logits, {rngs.Length} generators and {rows} outputs do not describe the same rows");
        }
        int v = logits.Length / rows;
        for (int b = 0; b < rows; b++) tokens[b] = Sample(logits.Slice(b * v, v), options, ref rngs[b]);
    }

    /// <summary>
    /// Top-p over the candidates (all tokens when <paramref name="n"/> &lt; 0): the shortest run of
    /// most probable tokens whose mass reaches p·total — HF's TopPLogitsWarper removes exactly the
    /// tokens whose ascending cumulative mass is ≤ 1 − p; among equal probabilities at the boundary
    /// the lower ids go first. No sort: a mass-weighted quickselect finds the boundary probability t
    /// in expected O(V), then the kept set {p &gt; t} ∪ (enough of {p = t}) is drawn from in id order.
    /// A first pass sums the mass per probability bucket (1/8 octave) to find the bucket where the
    /// cumulative mass crosses p·total; only that bucket's members enter the quickselect.
    /// </summary>
    private int SampleNucleus(Span<float> probs, int n, float topP, ref Xoshiro256StarStar rng)
    {
        int count = n < 0 ? probs.Length : n;
        double total = 0;
        for (int j = 0; j < count; j++) total += probs[n < 0 ? j : _candidates[j]];
        double target = topP * total;

        // Mass per bucket of the float's bit pattern (exponent + 3 mantissa bits): for positive
        // floats the bits are monotone in the value, so the buckets are ordered by probability.
        var buckets = _bucketMass.AsSpan();
        buckets.Clear();
        for (int j = 0; j < count; j++)
        {
            float p = probs[n < 0 ? j : _candidates[j]];
            if (p > 0f) buckets[Bucket(p)] += p;
        }
        int b = buckets.Length - 1;
        double above = 0;
        for (; b > 0; b--)
        {
            if (above + buckets[b] >= target) break;
            above += buckets[b];
        }
        // Only the boundary bucket needs ordering.
        int m = 0;
        for (int j = 0; j < count; j++)
        {
            float p = probs[n < 0 ? j : _candidates[j]];
            if (p > 0f && Bucket(p) == b) _sortKeys[m++] = p;
        }
        if (m == 0)
        {
            // Only reachable through rounding with no positive mass left; still consume one draw.
            rng.NextDouble();
            return Greedy(probs);
        }

        float t = NucleusBoundary(_sortKeys.AsSpan(0, m), target - above, out double massAboveInBucket);
        double massAbove = above + massAboveInBucket;
        double equalNeeded = target - massAbove;

        // Kept mass, then one draw, both walking the candidates in id order.
        double kept = 0, equalBefore = 0;
        for (int j = 0; j < count; j++)
        {
            float p = probs[n < 0 ? j : _candidates[j]];
            if (p > t) kept += p;
            else if (p == t && equalBefore < equalNeeded) { kept += p; equalBefore += p; }
        }
        double u = rng.NextDouble() * kept;
        double acc = 0;
        int last = -1;
        equalBefore = 0;
        for (int j = 0; j < count; j++)
        {
            int id = n < 0 ? j : _candidates[j];
            float p = probs[id];
            bool keep = p > t || (p == t && equalBefore < equalNeeded);
            if (p == t && keep) equalBefore += p;
            if (!keep) continue;
            last = id;
            acc += p;
            if (u < acc) return id;
        }
        return last;
    }

    /// <summary>
    /// The probability t of the token where the descending cumulative mass first reaches
    /// <paramref name="target"/>, and the mass strictly above t. Three-way quickselect weighted by
    /// mass (values reordered in place; median-of-three pivots, deterministic).
    /// </summary>
    private static float NucleusBoundary(Span<float> keys, double target, out double massAbove)
    {
        int lo = 0, hi = keys.Length;
        double above = 0;
        float lastPivot = keys.Length > 0 ? keys[0] : 0f;
        while (lo < hi)
        {
            float a = keys[lo], b = keys[lo + (hi - lo) / 2], c = keys[hi - 1];
            float pivot = Math.Max(Math.Min(a, b), Math.Min(Math.Max(a, b), c));
            lastPivot = pivot;
            // [lo, lt) > pivot, [lt, i) == pivot, [gt, hi) < pivot
            int lt = lo, i = lo, gt = hi;
            double greater = 0, equal = 0;
            while (i < gt)
            {
                float k = keys[i];
                if (k > pivot) { (keys[lt], keys[i]) = (keys[i], keys[lt]); lt++; i++; greater += k; }
                else if (k < pivot) { gt--; (keys[gt], keys[i]) = (keys[i], keys[gt]); }
                else { i++; equal += k; }
            }
            if (above + greater >= target && lt > lo) { hi = lt; continue; }
            if (above + greater + equal >= target)
            {
                massAbove = above + greater;
                return pivot;
            }
            above += greater + equal;
            lo = gt;
        }
        // Rounding left the target unreached: keep everything down to the smallest value seen.
        massAbove = above;
        return lastPivot;
    }

    /// <summary>The k-th largest value of <paramref name="values"/> (1-based k) by a size-k min-heap.</summary>
    private float KthLargest(ReadOnlySpan<float> values, int k)
    {
        var heap = _heap.AsSpan(0, k);
        for (int i = 0; i < k; i++)
        {
            // sift up
            int c = i;
            heap[c] = values[i];
            while (c > 0)
            {
                int parent = (c - 1) >> 1;
                if (heap[parent] <= heap[c]) break;
                (heap[parent], heap[c]) = (heap[c], heap[parent]);
                c = parent;
            }
        }
        for (int i = k; i < values.Length; i++)
        {
            float x = values[i];
            if (x <= heap[0]) continue;
            heap[0] = x;
            int c = 0;
            while (true)
            {
                int l = 2 * c + 1, r = l + 1, smallest = c;
                if (l < k && heap[l] < heap[smallest]) smallest = l;
                if (r < k && heap[r] < heap[smallest]) smallest = r;
                if (smallest == c) break;
                (heap[smallest], heap[c]) = (heap[c], heap[smallest]);
                c = smallest;
            }
        }
        return heap[0];
    }

    private static int Bucket(float p) => Math.Min(BitConverter.SingleToInt32Bits(p) >> 20, BucketCount - 1);

    /// <summary>
    /// One draw from probs (unnormalised, all ids) in id order: block sums (vectorised) locate the
    /// block of the draw, then a scalar walk inside it. Block sums feed both the total and the
    /// search, so the draw always lands in a block.
    /// </summary>
    private int DrawAll(ReadOnlySpan<float> probs, ref Xoshiro256StarStar rng)
    {
        int blocks = (probs.Length + Block - 1) / Block;
        double total = 0;
        for (int k = 0; k < blocks; k++)
        {
            int start = k * Block;
            total += _blockMass[k] = TensorPrimitives.Sum(probs.Slice(start, Math.Min(Block, probs.Length - start)));
        }
        double u = rng.NextDouble() * total;
        double acc = 0;
        int blk = 0;
        for (; blk < blocks - 1; blk++)
        {
            if (u < acc + _blockMass[blk]) break;
            acc += _blockMass[blk];
        }
        int s0 = blk * Block, s1 = Math.Min(s0 + Block, probs.Length);
        for (int i = s0; i < s1; i++)
        {
            acc += probs[i];
            if (u < acc) return i;
        }
        return LastNonZero(probs[..s1]);
    }

    private static int LastNonZero(ReadOnlySpan<float> x)
    {
        for (int i = x.Length - 1; i >= 0; i--)
        {
            if (x[i] > 0) return i;
        }
        return 0;
    }
}
