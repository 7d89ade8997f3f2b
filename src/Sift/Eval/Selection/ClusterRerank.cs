namespace Sift.Eval.Selection;

/// <summary>
/// Solution-cluster re-ranking (Liu et al. 2023, §3.3): cluster by equivalent final answer, keep the
/// top-K clusters by size (majority voting's shortlist; equal sizes by first occurrence), then pick the
/// cluster with the best evaluator score, a cluster's score being its members' mean or max. Ties go
/// to the larger cluster, then the earlier one; the chosen sample is the winner's best-scored member.
/// </summary>
public sealed class ClusterRerank : ISelectionStrategy
{
    /// <summary>The paper's shortlist size.</summary>
    public const int DefaultTopK = 3;

    public ClusterRerank(int topK = DefaultTopK, ClusterScore score = ClusterScore.Mean)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        TopK = topK;
        Score = score;
    }

    public int TopK { get; }

    public ClusterScore Score { get; }

    public string Name => "cluster_rerank";

    public bool NeedsScores => true;

    public SelectionResult Select(ProblemSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var shortlist = ClusterRanking.TopBySize(samples.Clusters, TopK);
        return ClusterRanking.PickByValue(samples, shortlist, c => Score == ClusterScore.Max
            ? ClusterRanking.Max(samples, c, Name)
            : ClusterRanking.Sum(samples, c, Name) / c.Size, Name);
    }
}
