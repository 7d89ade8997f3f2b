namespace Sift.Eval.Selection;

/// <summary>
/// How sample scores become weights for the strategies that add scores up
/// (<see cref="ISelectionStrategy.WeighsScores"/>: weighted vote, weighted cluster re-rank). Ranking
/// strategies (best-of-n, cluster re-rank) always use the raw score: a reward model's unbounded
/// score ranks as well as a probability does.
/// </summary>
public enum ScoreTransform
{
    /// <summary><see cref="Sigmoid"/> when any score lies outside [0, 1], else <see cref="None"/>.</summary>
    Auto,

    /// <summary>Scores are the weights; a negative score makes the weighted strategies not applicable.</summary>
    None,

    /// <summary>σ(s) = 1 / (1 + e^−s), monotone, so the order of a problem's samples is kept.</summary>
    Sigmoid,

    /// <summary>e^s / Σ e^s over each problem's samples (all of them, not the k-subset), so a problem's weights sum to 1.</summary>
    Softmax,
}

/// <summary>Parsing, resolving and applying a <see cref="ScoreTransform"/>.</summary>
public static class ScoreTransforms
{
    /// <summary>The spellings <see cref="TryParse"/> accepts, as the CLI lists them.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "none", "sigmoid", "softmax"];

    public static bool TryParse(string? text, out ScoreTransform transform)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "auto": transform = ScoreTransform.Auto; return true;
            case "none": transform = ScoreTransform.None; return true;
            case "sigmoid": transform = ScoreTransform.Sigmoid; return true;
            case "softmax": transform = ScoreTransform.Softmax; return true;
            default: transform = ScoreTransform.Auto; return false;
        }
    }

    /// <summary>Whether any (present) score lies outside [0, 1].</summary>
    public static bool AnyOutsideUnitInterval(IEnumerable<ProblemSamples> problems) =>
        problems.Any(p => p.Samples.Any(s => s.Score is { } x && !(x >= 0 && x <= 1)));

    /// <summary>Samples with a negative score, over all problems.</summary>
    public static int CountNegative(IEnumerable<ProblemSamples> problems) =>
        problems.Sum(p => p.Samples.Count(s => s.Score is < 0));

    /// <summary><paramref name="requested"/> with <see cref="ScoreTransform.Auto"/> decided for <paramref name="problems"/> (once for the whole set, so every problem is mapped alike).</summary>
    public static ScoreTransform Resolve(ScoreTransform requested, IReadOnlyList<ProblemSamples> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (requested != ScoreTransform.Auto)
        {
            return requested;
        }
        return AnyOutsideUnitInterval(problems) ? ScoreTransform.Sigmoid : ScoreTransform.None;
    }

    /// <summary>
    /// What the report says was applied: null for none (the output then is exactly as without this
    /// feature), "sigmoid (scores outside [0,1])" when <see cref="ScoreTransform.Auto"/> chose it,
    /// "sigmoid" or "softmax (per problem)" when asked for.
    /// </summary>
    public static string? Describe(ScoreTransform requested, ScoreTransform resolved) => resolved switch
    {
        ScoreTransform.Sigmoid => requested == ScoreTransform.Auto ? "sigmoid (scores outside [0,1])" : "sigmoid",
        ScoreTransform.Softmax => "softmax (per problem)",
        _ => null,
    };

    /// <summary>Numerically stable logistic: no overflow of e^−s for large negative s.</summary>
    public static double Sigmoid(double s) => s >= 0 ? 1 / (1 + Math.Exp(-s)) : Math.Exp(s) / (1 + Math.Exp(s));

    /// <summary>Softmax with the maximum subtracted first, so large scores do not overflow.</summary>
    public static double[] Softmax(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var result = new double[scores.Count];
        if (scores.Count == 0)
        {
            return result;
        }
        var max = scores.Max();
        var sum = 0.0;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = Math.Exp(scores[i] - max);
            sum += result[i];
        }
        for (var i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }
        return result;
    }

    /// <summary>
    /// <paramref name="problem"/> with its scores mapped (the same instance for <see cref="ScoreTransform.None"/>).
    /// Missing scores stay missing; softmax then leaves the problem as is (the weighted strategies
    /// cannot run on it anyway).
    /// </summary>
    public static ProblemSamples Apply(ProblemSamples problem, ScoreTransform transform)
    {
        ArgumentNullException.ThrowIfNull(problem);
        switch (transform)
        {
            case ScoreTransform.None:
                return problem;
            case ScoreTransform.Sigmoid:
                return problem.WithSamples(problem.Samples.Select(s => s.Score is { } x ? s with { Score = Sigmoid(x) } : s).ToArray());
            case ScoreTransform.Softmax:
                if (!problem.AllScored)
                {
                    return problem;
                }
                var weights = Softmax(problem.Samples.Select(s => s.Score!.Value).ToArray());
                return problem.WithSamples(problem.Samples.Select((s, i) => s with { Score = weights[i] }).ToArray());
            default:
                throw new ArgumentOutOfRangeException(nameof(transform), transform, "resolve Auto first (ScoreTransforms.Resolve)");
        }
    }
}
