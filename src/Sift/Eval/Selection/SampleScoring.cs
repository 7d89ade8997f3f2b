namespace Sift.Eval.Selection;

/// <summary>Fills in missing sample scores with an <see cref="IScorer"/>.</summary>
public static class SampleScoring
{
    /// <summary>Samples lacking a score, over all problems.</summary>
    public static int CountMissing(IEnumerable<ProblemSamples> problems) => problems.Sum(p => p.Samples.Count(s => s.Score is null));

    /// <summary>
    /// The problems with every unscored sample scored by <paramref name="scorer"/> (existing scores are
    /// kept). A problem with unscored samples needs its problem text.
    /// </summary>
    public static IReadOnlyList<ProblemSamples> FillMissing(IReadOnlyList<ProblemSamples> problems, IScorer scorer)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(scorer);
        var result = new ProblemSamples[problems.Count];
        for (var p = 0; p < problems.Count; p++)
        {
            var problem = problems[p];
            if (problem.AllScored)
            {
                result[p] = problem;
                continue;
            }
            if (problem.Problem is null)
            {
                throw new InvalidOperationException($"problem {p}: samples lack scores and the row has no \"problem\" text to score them with");
            }
            var scored = new ScoredSample[problem.Count];
            for (var i = 0; i < scored.Length; i++)
            {
                var s = problem.Samples[i];
                scored[i] = s.Score is null ? s.WithScore(scorer.Score(problem.Problem, s.Text)) : s;
            }
            result[p] = problem.WithSamples(scored);
        }
        return result;
    }
}
