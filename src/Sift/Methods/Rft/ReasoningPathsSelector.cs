namespace Sift.Methods.Rft;

/// <summary>
/// Reduces correct samples to distinct reasoning paths exactly as the RFT paper's code does
/// (Yuan et al. 2023, OFA-Sys/gsm8k-ScRel, collect_rejection_sampling.py, <c>collect</c>):
/// for each problem, read its correct samples in order; drop a sample if any calculator annotation is
/// wrong; if its path key is new, keep it; otherwise compare it with the kept sample of that key:
/// both are scored by the SUM of edit distances to the other kept paths of the problem (those whose
/// text differs from the kept one), and the candidate replaces the kept sample only if its score is
/// strictly larger (ties keep the earlier sample). The union of several models (RFT-U,
/// <c>collect_folders</c>) is the concatenation of their sample lists before this reduction.
/// </summary>
public static class DistinctPathSelector
{
    /// <summary>The distinct paths among one problem's correct solutions, in key first-seen order.</summary>
    /// <param name="correctSolutions">Correct samples of one problem, in sampling order.</param>
    /// <param name="annotationsValid">Whether every annotation of a solution is arithmetically right (the paper's <c>check_equation</c>); null accepts all.</param>
    public static IReadOnlyList<string> SelectForProblem(IEnumerable<string> correctSolutions, Func<string, bool>? annotationsValid = null)
        => SelectForProblem(correctSolutions, annotationsValid, out _);

    /// <summary>Selects per problem over every sample (incorrect ones are ignored); problems keep first-seen order.</summary>
    public static DistinctPathSet Select(IEnumerable<PathSample> samples, Func<string, bool>? annotationsValid = null)
    {
        var byProblem = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var order = new List<string>();
        var correct = 0;
        foreach (var sample in samples)
        {
            if (!byProblem.TryGetValue(sample.ProblemId, out var list))
            {
                byProblem[sample.ProblemId] = list = [];
                order.Add(sample.ProblemId);
            }
            if (sample.Correct)
            {
                list.Add(sample.Solution);
                correct++;
            }
        }
        var rejected = 0;
        var problems = new List<ProblemPaths>(order.Count);
        foreach (var id in order)
        {
            var paths = SelectForProblem(byProblem[id], annotationsValid, out var dropped);
            rejected += dropped;
            problems.Add(new ProblemPaths(id, paths));
        }
        return new DistinctPathSet(problems, correct, rejected);
    }

    /// <summary>RFT-U: pools the sample sets of several models in the given order, then selects.</summary>
    public static DistinctPathSet SelectUnion(IEnumerable<IEnumerable<PathSample>> sampleSets, Func<string, bool>? annotationsValid = null)
        => Select(sampleSets.SelectMany(set => set), annotationsValid);

    private static List<string> SelectForProblem(IEnumerable<string> correctSolutions, Func<string, bool>? annotationsValid, out int rejected)
    {
        var keys = new List<string>();
        var kept = new List<string>();
        rejected = 0;
        foreach (var candidate in correctSolutions)
        {
            if (annotationsValid is not null && !annotationsValid(candidate))
            {
                rejected++;
                continue;
            }
            var key = ReasoningPathKey.Of(candidate);
            var at = keys.IndexOf(key);
            if (at < 0)
            {
                keys.Add(key);
                kept.Add(candidate);
                continue;
            }
            var current = kept[at];
            long currentScore = 0;
            long candidateScore = 0;
            foreach (var reference in kept)
            {
                // The paper filters `ref != now_query` by text, i.e. every other kept path.
                if (string.Equals(reference, current, StringComparison.Ordinal))
                {
                    continue;
                }
                currentScore += EditDistance.Levenshtein(current, reference);
                candidateScore += EditDistance.Levenshtein(candidate, reference);
            }
            if (candidateScore > currentScore)
            {
                kept[at] = candidate;
            }
        }
        return kept;
    }
}
