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
        var (train, test, _) = Draw(generate, question, trainCount, testCount, 0, what, hint);
        return (train, test);
    }

    /// <summary>
    /// Like the two-way draw, then <paramref name="validationCount"/> more distinct items from the training
    /// side of the hash (drawn after train and test are full, so train and test are exactly what the
    /// two-way draw gives): a validation split of the training distribution, disjoint from both.
    /// </summary>
    public static (List<T> Train, List<T> Test, List<T> Validation) Draw<T>(Func<long, T> generate, Func<T, string> question, int trainCount, int testCount, int validationCount, string what, string hint = "")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(validationCount);
        ArgumentOutOfRangeException.ThrowIfNegative(trainCount);
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        var testShare = trainCount + testCount == 0 ? 0 : (double)testCount / (trainCount + testCount);
        var train = new List<T>(trainCount);
        var test = new List<T>(testCount);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var validation = new List<T>(validationCount);
        var maxDraws = 20L * (trainCount + testCount + validationCount) + 10_000;
        long index = 0;
        for (; train.Count < trainCount || test.Count < testCount; index++)
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
        for (; validation.Count < validationCount; index++)
        {
            if (index >= maxDraws)
            {
                throw new InvalidOperationException($"only {validation.Count} validation {what} after {maxDraws} draws{(hint.Length > 0 ? "; " + hint : "")}");
            }
            var item = generate(index);
            var key = QuestionKey.Of(question(item));
            if (!seen.Add(key)) continue;
            if ((QuestionKey.Hash(key) >> 11) * (1.0 / (1UL << 53)) >= testShare) validation.Add(item);
        }
        return (train, test, validation);
    }
}
