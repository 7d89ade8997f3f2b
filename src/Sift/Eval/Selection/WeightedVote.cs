namespace Sift.Eval.Selection;

/// <summary>
/// Weighted voting: each sample votes for its answer cluster with its score; the largest sum wins
/// (ties: larger cluster, then earlier). The chosen sample is the winner's best-scored member.
/// </summary>
public sealed class WeightedVote : ISelectionStrategy
{
    public string Name => "weighted_vote";

    public bool NeedsScores => true;

    public bool WeighsScores => true;

    public SelectionResult Select(ProblemSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        return ClusterRanking.PickByValue(samples, samples.Clusters, c => ClusterRanking.Sum(samples, c, Name), Name);
    }
}
