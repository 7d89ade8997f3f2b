namespace Sift.Eval.Selection;

/// <summary>
/// Best-of-n: the single highest-scored sample among those with a usable answer (earliest on a tie);
/// samples without one are considered only when no sample has one.
/// </summary>
public sealed class BestOfN : ISelectionStrategy
{
    public string Name => "best_of_n";

    public bool NeedsScores => true;

    public SelectionResult Select(ProblemSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var best = -1;
        var bestScore = double.NegativeInfinity;
        AnswerCluster? bestCluster = null;
        foreach (var c in samples.Clusters)
        {
            foreach (var m in c.Members)
            {
                var s = ClusterRanking.ScoreOf(samples, m, Name);
                if (best < 0 || s > bestScore || (s == bestScore && m < best))
                {
                    (best, bestScore, bestCluster) = (m, s, c);
                }
            }
        }
        // The answer reported is the sample's own (not the cluster representative's spelling).
        return bestCluster is null ? ClusterRanking.NoAnswer(samples, Name) : new SelectionResult(samples.Samples[best].Answer, best);
    }
}
