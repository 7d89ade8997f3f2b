namespace Sift.Data;

/// <summary>Removes repeated problems, keeping the first occurrence of each <see cref="QuestionKey"/>.</summary>
public static class ProblemDeduplicator
{
    /// <summary>The problems with duplicates (same normalised question) removed, order kept; <paramref name="removed"/> counts the drops.</summary>
    public static IReadOnlyList<MathProblem> Deduplicate(IEnumerable<MathProblem> problems, out int removed)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<MathProblem>();
        removed = 0;
        foreach (var problem in problems)
        {
            if (seen.Add(QuestionKey.Of(problem.Question)))
            {
                kept.Add(problem);
            }
            else
            {
                removed++;
            }
        }
        return kept;
    }

    /// <summary>The problems of <paramref name="candidates"/> whose question does not occur in <paramref name="reference"/> (e.g. train minus test).</summary>
    public static IReadOnlyList<MathProblem> Except(IEnumerable<MathProblem> candidates, IEnumerable<MathProblem> reference)
    {
        var taken = reference.Select(p => QuestionKey.Of(p.Question)).ToHashSet(StringComparer.Ordinal);
        return candidates.Where(p => !taken.Contains(QuestionKey.Of(p.Question))).ToList();
    }
}
