namespace Sift.Eval.Selection;

/// <summary>Shared, deterministic pieces of the strategies: ranking clusters, reading scores, breaking ties.</summary>
internal static class ClusterRanking
{
    /// <summary>The <paramref name="k"/> largest clusters; equal sizes keep first-occurrence order (stable sort).</summary>
    public static List<AnswerCluster> TopBySize(IReadOnlyList<AnswerCluster> clusters, int k)
    {
        var ordered = clusters.OrderByDescending(c => c.Size).ThenBy(c => c.FirstIndex).ToList();
        if (ordered.Count > k)
        {
            ordered.RemoveRange(k, ordered.Count - k);
        }
        return ordered;
    }

    public static double ScoreOf(ProblemSamples samples, int index, string strategy)
        => samples.Samples[index].Score
           ?? throw new InvalidOperationException($"{strategy} needs a score for every sample; sample {index} has none (score the samples with an IScorer first).");

    /// <summary>The highest-scoring member; the earliest wins a tie.</summary>
    public static int BestMember(ProblemSamples samples, IReadOnlyList<int> members, string strategy)
    {
        var best = members[0];
        var bestScore = ScoreOf(samples, best, strategy);
        for (var m = 1; m < members.Count; m++)
        {
            var s = ScoreOf(samples, members[m], strategy);
            if (s > bestScore)
            {
                best = members[m];
                bestScore = s;
            }
        }
        return best;
    }

    /// <summary>
    /// The cluster with the highest <paramref name="value"/>; ties go to the larger cluster, then to the
    /// one that appeared first. The chosen sample is the cluster's best-scored member.
    /// </summary>
    public static SelectionResult PickByValue(ProblemSamples samples, IReadOnlyList<AnswerCluster> candidates, Func<AnswerCluster, double> value, string strategy)
    {
        AnswerCluster? best = null;
        var bestValue = double.NegativeInfinity;
        foreach (var c in candidates)
        {
            var v = value(c);
            if (best is null || v > bestValue || (v == bestValue && (c.Size > best.Size || (c.Size == best.Size && c.FirstIndex < best.FirstIndex))))
            {
                best = c;
                bestValue = v;
            }
        }
        return best is null ? NoAnswer(samples, strategy) : new SelectionResult(best.Answer, BestMember(samples, best.Members, strategy));
    }

    /// <summary>
    /// When no sample has a usable answer: the answer is null (never correct) and the index points at
    /// the best-scored sample (score-based strategies) or the first one.
    /// </summary>
    public static SelectionResult NoAnswer(ProblemSamples samples, string? scoredStrategy)
    {
        if (samples.Count == 0)
        {
            return SelectionResult.Empty;
        }
        var all = Enumerable.Range(0, samples.Count).ToList();
        return new SelectionResult(null, scoredStrategy is null ? 0 : BestMember(samples, all, scoredStrategy));
    }

    public static double Sum(ProblemSamples samples, AnswerCluster c, string strategy)
    {
        var sum = 0.0;
        foreach (var m in c.Members)
        {
            sum += ScoreOf(samples, m, strategy);
        }
        return sum;
    }

    public static double Max(ProblemSamples samples, AnswerCluster c, string strategy)
    {
        var max = double.NegativeInfinity;
        foreach (var m in c.Members)
        {
            max = Math.Max(max, ScoreOf(samples, m, strategy));
        }
        return max;
    }
}
