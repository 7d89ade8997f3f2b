namespace Sift.Training.Sft;

/// <summary>
/// Fills reusable [B, T] buffers from examples: rows padded on the right with the pad id, T the
/// longest input of the batch; pad positions and prompt positions get weight 0. Packing is not used:
/// the engine's attention is causal over a whole row, so each row holds exactly one example and no
/// example can attend to another.
/// </summary>
public sealed class SftBatchFiller(int maxBatch, int maxSeq, int padId)
{
    private readonly int[] _tokens = new int[maxBatch * maxSeq];
    private readonly int[] _targets = new int[maxBatch * maxSeq];
    private readonly float[] _weights = new float[maxBatch * maxSeq];

    public int MaxBatch { get; } = maxBatch;

    public int MaxSeq { get; } = maxSeq;

    /// <summary>A micro-batch of <paramref name="indices"/> (its arrays are this filler's buffers).</summary>
    public MicroBatch Fill(IReadOnlyList<SftExample> examples, ReadOnlySpan<int> indices)
    {
        if (indices.Length > MaxBatch) throw new ArgumentException($"batch of {indices.Length} exceeds {MaxBatch}", nameof(indices));
        int seq = 1;
        foreach (int i in indices) seq = Math.Max(seq, examples[i].InputLength);
        if (seq > MaxSeq) throw new ArgumentException($"example of {seq} input tokens exceeds {MaxSeq}", nameof(examples));
        for (int r = 0; r < indices.Length; r++)
        {
            var e = examples[indices[r]];
            int n = e.InputLength;
            var tok = _tokens.AsSpan(r * seq, seq);
            var tgt = _targets.AsSpan(r * seq, seq);
            var w = _weights.AsSpan(r * seq, seq);
            for (int t = 0; t < n; t++)
            {
                tok[t] = e.Tokens[t];
                tgt[t] = e.Tokens[t + 1];
                w[t] = e.WeightAt(t);
            }
            tok[n..].Fill(padId);
            tgt[n..].Fill(padId);
            w[n..].Clear();
        }
        return new MicroBatch(_tokens, _targets, _weights, indices.Length, seq);
    }
}
