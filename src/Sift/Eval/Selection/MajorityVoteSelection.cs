namespace Sift.Eval.Selection;

/// <summary>
/// Majority voting (self-consistency): the largest answer cluster wins; equal sizes go to the
/// cluster whose first sample came earliest. The chosen sample is that first occurrence.
/// </summary>
public sealed class MajorityVoteSelection : ISelectionStrategy
{
    public string Name => "majority";

    public bool NeedsScores => false;

    public SelectionResult Select(ProblemSamples samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        AnswerCluster? best = null;
        foreach (var c in samples.Clusters)
        {
            if (best is null || c.Size > best.Size)
            {
                best = c; // strictly larger: clusters come in first-occurrence order, so a tie keeps the earlier one
            }
        }
        return best is null ? ClusterRanking.NoAnswer(samples, null) : new SelectionResult(best.Answer, best.FirstIndex);
    }
}
