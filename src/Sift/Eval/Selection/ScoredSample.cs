using Sift.Grading;

namespace Sift.Eval.Selection;

/// <summary>One sampled solution of a problem.</summary>
/// <param name="Text">The solution text as generated.</param>
/// <param name="Answer">Its final answer (null when none could be extracted).</param>
/// <param name="Score">Its score: an evaluator's S in [0, 1] or a reward model's raw, unbounded value; any finite number (null when not scored).</param>
public sealed record ScoredSample(string Text, string? Answer, double? Score)
{
    /// <summary>A sample whose answer is extracted from <paramref name="text"/> by <paramref name="grader"/> (null when none).</summary>
    public static ScoredSample FromText(string text, double? score, MathGrader grader)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(grader);
        return new ScoredSample(text, grader.ExtractAnswer(text), score is { } s ? CheckScore(s) : null);
    }

    /// <summary>This sample with <paramref name="score"/> set.</summary>
    public ScoredSample WithScore(double score)
    {
        return this with { Score = CheckScore(score) };
    }

    // Reward models give unbounded scores; only NaN and infinities cannot be ranked or weighed.
    private static double CheckScore(double score) => double.IsFinite(score)
        ? score
        : throw new ArgumentOutOfRangeException(nameof(score), $"a score must be a finite number (got {score})");
}
