namespace Sift.Eval;

/// <summary>The outcome of a majority vote over sampled answers.</summary>
/// <param name="Answer">The winning answer as first written (null when no sample had an answer).</param>
/// <param name="Index">Index of that first occurrence among the samples (-1 when none).</param>
/// <param name="Votes">Samples in the winning cluster.</param>
/// <param name="Clusters">Number of distinct (non-equivalent) answers.</param>
public sealed record MajorityResult(string? Answer, int Index, int Votes, int Clusters);

/// <summary>
/// Majority voting over answers (self-consistency; maj@k in the RFT paper's tables). Answers are
/// clustered by a pluggable equivalence (Sift.Grading's, so "0.5" and "1/2" vote together); a sample
/// joins the first cluster whose first member it is equivalent to. The largest cluster wins; ties go
/// to the cluster that appeared first, so the result is deterministic. Null or empty answers
/// (nothing extracted) do not vote.
/// </summary>
public static class MajorityVote
{
    /// <summary>The vote over all <paramref name="answers"/>.</summary>
    public static MajorityResult Vote(IReadOnlyList<string?> answers, Func<string, string, bool> equivalent)
        => Vote(answers, answers.Count, equivalent);

    /// <summary>The vote over the first <paramref name="k"/> answers (maj@k).</summary>
    public static MajorityResult Vote(IReadOnlyList<string?> answers, int k, Func<string, string, bool> equivalent)
    {
        if (k < 0 || k > answers.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"need 0 <= k <= {answers.Count} (k={k})");
        }
        var representatives = new List<int>();
        var votes = new List<int>();
        for (var i = 0; i < k; i++)
        {
            var answer = answers[i];
            if (string.IsNullOrEmpty(answer))
            {
                continue;
            }
            var cluster = representatives.FindIndex(r => equivalent(answers[r]!, answer));
            if (cluster < 0)
            {
                representatives.Add(i);
                votes.Add(1);
            }
            else
            {
                votes[cluster]++;
            }
        }
        if (votes.Count == 0)
        {
            return new MajorityResult(null, -1, 0, 0);
        }
        var best = 0;
        for (var c = 1; c < votes.Count; c++)
        {
            if (votes[c] > votes[best])
            {
                best = c; // strictly more: an earlier cluster keeps a tie
            }
        }
        return new MajorityResult(answers[representatives[best]], representatives[best], votes[best], votes.Count);
    }
}
