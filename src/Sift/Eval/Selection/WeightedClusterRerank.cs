namespace Sift.Eval.Selection;

/// <summary>
/// Weighted re-ranking within the top-K clusters: the shortlist of <see cref="ClusterRerank"/>, then
/// <see cref="WeightedVote"/> restricted to it (sum of scores; ties: larger, then earlier).
/// </summary>
public sealed class WeightedClusterRerank : ISelectionStrategy
{
    public WeightedClusterRerank(int topK = ClusterRerank.DefaultTopK)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        TopK = topK;
    }

    public int TopK { get; }

    public string Name => "weighted_cluster_rerank";

    public bool NeedsScores => true;

    public bool WeighsScores => true;

    public SelectionResult Select(ProblemSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var shortlist = ClusterRanking.TopBySize(samples.Clusters, TopK);
        return ClusterRanking.PickByValue(samples, shortlist, c => ClusterRanking.Sum(samples, c, Name), Name);
    }
}
