using Sift.Model.Sampling;

namespace Sift.Training.Sft;

/// <summary>
/// The order of one epoch with length bucketing: shuffle all examples, cut the order into windows of
/// <c>window</c> batches, sort each window by length (so a batch pads little), cut it into batches and
/// shuffle the batches. The plan is a pure function of (seed, epoch): resuming needs only the epoch
/// and the batch index, never an RNG state.
/// </summary>
public static class SftBatchPlan
{
    /// <summary>Batches of example indices for <paramref name="epoch"/>.</summary>
    /// <param name="lengths">Input length of every example.</param>
    /// <param name="batchSize">Examples per batch (the last batch of a window may be smaller).</param>
    /// <param name="windowBatches">Batches per sorting window; 1 disables bucketing (plain shuffle).</param>
    public static IReadOnlyList<int[]> ForEpoch(IReadOnlyList<int> lengths, int batchSize, int windowBatches, ulong seed, int epoch)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(windowBatches, 1);
        var rng = Xoshiro256StarStar.ForStream(seed, "sft/data-order/epoch-" + epoch);
        var order = Enumerable.Range(0, lengths.Count).ToArray();
        Shuffle(order, ref rng);
        var batches = new List<int[]>((lengths.Count + batchSize - 1) / batchSize);
        int window = batchSize * windowBatches;
        for (int start = 0; start < order.Length; start += window)
        {
            var chunk = order.AsSpan(start, Math.Min(window, order.Length - start)).ToArray();
            if (windowBatches > 1)
            {
                // Stable sort by length keeps the shuffled order among equal lengths.
                chunk = chunk.Select((index, position) => (index, position)).OrderBy(x => lengths[x.index]).ThenBy(x => x.position).Select(x => x.index).ToArray();
            }
            var windowBatchesList = new List<int[]>();
            for (int b = 0; b < chunk.Length; b += batchSize)
            {
                windowBatchesList.Add(chunk.AsSpan(b, Math.Min(batchSize, chunk.Length - b)).ToArray());
            }
            var shuffled = windowBatchesList.ToArray();
            Shuffle(shuffled, ref rng);
            batches.AddRange(shuffled);
        }
        return batches;
    }

    private static void Shuffle<T>(T[] items, ref Xoshiro256StarStar rng)
    {
        for (int i = items.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
