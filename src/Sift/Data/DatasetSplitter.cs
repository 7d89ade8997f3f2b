namespace Sift.Data;

/// <summary>
/// Seeded train/test splitting by problem: rows with the same <see cref="QuestionKey"/> stay on the
/// same side, so a duplicated question can never leak from train into test.
/// </summary>
public static class DatasetSplitter
{
    /// <summary>Splits into a test part of <paramref name="testCount"/> problems (whole duplicate groups) and the rest; order within each part follows the input.</summary>
    public static DatasetSplit Split(IReadOnlyList<MathProblem> problems, int testCount, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(testCount);
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var order = new List<string>();
        for (var i = 0; i < problems.Count; i++)
        {
            var key = QuestionKey.Of(problems[i].Question);
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
                order.Add(key);
            }
            members.Add(i);
        }
        if (testCount > order.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(testCount), $"asked for {testCount} test problems but there are only {order.Count} distinct problems");
        }
        var rng = SplitMix64.ForStream(seed, 0, 0x5EED5B117UL);
        rng.Shuffle(order);
        var inTest = new bool[problems.Count];
        foreach (var key in order.Take(testCount))
        {
            foreach (var index in groups[key])
            {
                inTest[index] = true;
            }
        }
        var train = new List<MathProblem>();
        var test = new List<MathProblem>();
        for (var i = 0; i < problems.Count; i++)
        {
            (inTest[i] ? test : train).Add(problems[i]);
        }
        return new DatasetSplit(train, test);
    }

    /// <summary>Splits off a fraction (0..1) of the distinct problems as test.</summary>
    public static DatasetSplit SplitFraction(IReadOnlyList<MathProblem> problems, double testFraction, long seed)
    {
        if (testFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), "must be within [0, 1]");
        }
        var distinct = problems.Select(p => QuestionKey.Of(p.Question)).Distinct(StringComparer.Ordinal).Count();
        return Split(problems, (int)Math.Round(distinct * testFraction), seed);
    }
}
