namespace Sift.Methods.Rft;

/// <summary>
/// What an RFT selection holds, as the paper reports it (collect_rejection_sampling.py prints
/// coverage, a histogram of how often problems are solved, and the count of distinct paths).
/// </summary>
/// <param name="ProblemCount">Training problems considered (covered or not).</param>
/// <param name="ProblemsCovered">Problems with at least one kept path.</param>
/// <param name="TotalPaths">Kept distinct paths over all problems.</param>
/// <param name="MeanPathsPerProblem">TotalPaths / ProblemCount.</param>
/// <param name="MeanPathsPerCoveredProblem">TotalPaths / ProblemsCovered (0 when none is covered).</param>
/// <param name="PathHistogram">Number of problems by number of distinct paths (0 = not covered), ascending.</param>
/// <param name="CorrectSamples">Correct samples read.</param>
/// <param name="RejectedByAnnotations">Correct samples dropped for a wrong calculator annotation.</param>
public sealed record ReasoningPathStatistics(
    int ProblemCount,
    int ProblemsCovered,
    int TotalPaths,
    double MeanPathsPerProblem,
    double MeanPathsPerCoveredProblem,
    IReadOnlyList<KeyValuePair<int, int>> PathHistogram,
    int CorrectSamples,
    int RejectedByAnnotations)
{
    /// <summary>Statistics of <paramref name="set"/> over <paramref name="problemCount"/> problems (at least the problems in the set).</summary>
    public static ReasoningPathStatistics Of(DistinctPathSet set, int problemCount)
    {
        var withSamples = set.Problems.Count;
        if (problemCount < withSamples)
        {
            throw new ArgumentOutOfRangeException(nameof(problemCount), $"{problemCount} problems but the set has {withSamples}");
        }
        var histogram = new SortedDictionary<int, int>();
        foreach (var problem in set.Problems)
        {
            histogram[problem.Paths.Count] = histogram.GetValueOrDefault(problem.Paths.Count) + 1;
        }
        var uncovered = problemCount - withSamples;
        if (uncovered > 0)
        {
            histogram[0] = histogram.GetValueOrDefault(0) + uncovered;
        }
        var covered = set.Problems.Count(p => p.Paths.Count > 0);
        var total = set.TotalPaths;
        return new ReasoningPathStatistics(
            problemCount,
            covered,
            total,
            problemCount == 0 ? 0 : (double)total / problemCount,
            covered == 0 ? 0 : (double)total / covered,
            histogram.ToList(),
            set.CorrectSamples,
            set.RejectedByAnnotations);
    }

    /// <summary>
    /// How coverage and distinct paths grow with k: for each k, the selection over the first k samples
    /// of every problem (in the order given), as the paper's "pass @ sampling k seeds" table.
    /// </summary>
    public static IReadOnlyList<(int K, ReasoningPathStatistics Statistics)> GrowthWithK(
        IReadOnlyList<PathSample> samples, IReadOnlyList<int> ks, int problemCount, Func<string, bool>? annotationsValid = null)
    {
        var curve = new List<(int, ReasoningPathStatistics)>(ks.Count);
        foreach (var k in ks)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(k);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var firstK = samples.Where(s =>
            {
                var index = seen.GetValueOrDefault(s.ProblemId);
                seen[s.ProblemId] = index + 1;
                return index < k;
            }).ToList();
            curve.Add((k, Of(DistinctPathSelector.Select(firstK, annotationsValid), problemCount)));
        }
        return curve;
    }
}
