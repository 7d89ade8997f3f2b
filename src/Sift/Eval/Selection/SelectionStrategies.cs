namespace Sift.Eval.Selection;

/// <summary>The standard strategy set, in the order `sift rerank` reports them.</summary>
public static class SelectionStrategies
{
    /// <summary>majority, best_of_n, cluster_rerank, weighted_vote, weighted_cluster_rerank.</summary>
    public static IReadOnlyList<ISelectionStrategy> Standard(int topKClusters = ClusterRerank.DefaultTopK, ClusterScore clusterScore = ClusterScore.Mean) =>
    [
        new MajorityVoteSelection(),
        new BestOfN(),
        new ClusterRerank(topKClusters, clusterScore),
        new WeightedVote(),
        new WeightedClusterRerank(topKClusters),
    ];
}
