namespace Sift.Eval.Selection;

/// <summary>One sampled solution of a problem.</summary>
/// <param name="Text">The solution text as generated.</param>
/// <param name="Answer">Its final answer (null when none could be extracted).</param>
/// <param name="Score">The evaluator's score S in [0, 1] (null when not scored).</param>
public sealed record ScoredSample(string Text, string? Answer, double? Score)
{
    /// <summary>This sample with <paramref name="score"/> set.</summary>
    public ScoredSample WithScore(double score)
    {
        if (!(score >= 0 && score <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(score), $"a score must lie in [0, 1] (got {score})");
        }
        return this with { Score = score };
    }
}
