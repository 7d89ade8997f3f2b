using Sift.Data;

namespace Sift.Rewards;

/// <summary>
/// A binary reward r(x, y) ∈ {0, 1} on a sampled solution y of problem x: the signal ReST-EM's
/// E-step filters on (Singh et al. 2023, "Beyond Human Data", §3). The math grader is one
/// (<see cref="MathAnswerReward"/>); a code-execution reward plugs in the same way, keeping its test
/// cases by <see cref="MathProblem.Id"/> (or in <see cref="MathProblem.Answer"/>) and returning the
/// verdict of running them. Implementations must be pure and thread-safe: samples are scored in parallel.
/// </summary>
public interface IReward
{
    /// <summary>A short name for logs and results (e.g. <c>math_answer</c>).</summary>
    string Name { get; }

    /// <summary>Scores one sampled completion of <paramref name="problem"/>.</summary>
    RewardResult Score(MathProblem problem, string sampleText);
}
