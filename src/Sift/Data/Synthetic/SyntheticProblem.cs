namespace Sift.Data.Synthetic;

/// <summary>
/// A generated problem with what the generator knows about it: its scenario, its shape and every
/// valid order of solving it (the different ordered equation lists RFT counts as distinct paths).
/// </summary>
public sealed class SyntheticProblem
{
    private readonly ProblemPlan _plan;

    internal SyntheticProblem(MathProblem problem, string family, ProblemPlan plan, IReadOnlyList<Step> referenceSteps)
    {
        Problem = problem;
        Family = family;
        _plan = plan;
        ReferenceSteps = referenceSteps;
    }

    /// <summary>The problem as every reader and method sees it (GSM8K-style solution with a <c>#### N</c> line).</summary>
    public MathProblem Problem { get; }

    /// <summary>Scenario family name, e.g. <c>"shopping"</c>.</summary>
    public string Family { get; }

    /// <summary>Shape: <c>Chain</c>, <c>Collect</c>, <c>Grouped</c> or <c>Remaining</c>.</summary>
    public string Shape => _plan.Kind.ToString();

    /// <summary>The reference solution's equations, in order.</summary>
    public IReadOnlyList<Step> ReferenceSteps { get; }

    /// <summary>
    /// Every valid solution of the problem as text (same format as <see cref="MathProblem.Solution"/>),
    /// distinct by their ordered equation lists, the reference solution first.
    /// </summary>
    public IReadOnlyList<string> AlternativeSolutions()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { SolutionText.PathOf(ReferenceSteps) };
        var solutions = new List<string> { Problem.Solution };
        for (var choice = 0; choice < _plan.ChoiceCount; choice++)
        {
            var steps = _plan.Solve(choice);
            if (seen.Add(SolutionText.PathOf(steps)))
            {
                solutions.Add(SolutionText.Of(steps));
            }
        }
        return solutions;
    }
}
