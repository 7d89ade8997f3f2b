namespace Sift.Data.Synthetic;

/// <summary>
/// The train/test split every embedded task generator uses: draw items 0, 1, 2, … from a seeded
/// generator, drop repeated questions, and put each on the side its question's content hash picks
/// (<see cref="QuestionKey"/>), so the same question can never be on both sides and the split of an
/// item does not depend on the others. Stops when both sides are full.
/// </summary>
public static class HashSplit
{
    /// <param name="generate">Item <c>i</c> of the generator (deterministic in <c>i</c>).</param>
    /// <param name="question">The text whose hash decides the side.</param>
    /// <param name="trainCount">Training items wanted.</param>
    /// <param name="testCount">Test items wanted.</param>
    /// <param name="what">What the items are, for the error when the generator runs out of distinct ones ("problems").</param>
    /// <param name="hint">What to change then (may be empty).</param>
    public static (List<T> Train, List<T> Test) Draw<T>(Func<long, T> generate, Func<T, string> question, int trainCount, int testCount, string what, string hint = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        var testShare = trainCount + testCount == 0 ? 0 : (double)testCount / (trainCount + testCount);
        var train = new List<T>(trainCount);
        var test = new List<T>(testCount);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var maxDraws = 20L * (trainCount + testCount) + 10_000;
        for (long index = 0; train.Count < trainCount || test.Count < testCount; index++)
        {
            if (index >= maxDraws)
            {
                throw new InvalidOperationException($"only {train.Count} train and {test.Count} test distinct {what} after {maxDraws} draws{(hint.Length > 0 ? "; " + hint : "")}");
            }
            var item = generate(index);
            var key = QuestionKey.Of(question(item));
            if (!seen.Add(key)) continue;
            // Top 53 bits of the content hash as a uniform fraction: the side depends on the text alone.
            var fraction = (QuestionKey.Hash(key) >> 11) * (1.0 / (1UL << 53));
            var side = fraction < testShare ? test : train;
            if (side.Count < (ReferenceEquals(side, test) ? testCount : trainCount)) side.Add(item);
        }
        return (train, test);
    }
}
