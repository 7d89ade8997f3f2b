namespace Sift.Eval.Selection;

/// <summary>
/// When two final answers count as the same for clustering ("1/2", "0.5" and "\frac{1}{2}" should).
/// Implementations must be pure: the clusterer caches every result per problem.
/// </summary>
public interface IAnswerEquivalence
{
    /// <summary>Whether <paramref name="answer"/> can take part in a vote at all (not blank, not garbage).</summary>
    bool IsUsable(string answer);

    /// <summary>Whether <paramref name="candidate"/> is equivalent to <paramref name="representative"/>.</summary>
    bool AreEquivalent(string representative, string candidate);
}
