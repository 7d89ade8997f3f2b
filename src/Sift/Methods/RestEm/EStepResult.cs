using System.Text.Json.Nodes;

namespace Sift.Methods.RestEm;

/// <summary>What an E-step kept, and how the sampling model did on the training problems.</summary>
/// <param name="Kept">The M-step's training set (model samples only; no human solutions).</param>
/// <param name="Problems">Training problems sampled.</param>
/// <param name="Solved">Problems with at least one rewarded sample (pass@k of the sampling model).</param>
/// <param name="Samples">Samples drawn.</param>
/// <param name="Rewarded">Samples rewarded before the per-problem cap.</param>
public sealed record EStepResult(IReadOnlyList<KeptSample> Kept, int Problems, int Solved, long Samples, long Rewarded)
{
    /// <summary>Fraction of training problems with at least one rewarded sample.</summary>
    public double SolvedFraction => Problems == 0 ? 0 : (double)Solved / Problems;

    public JsonObject StatisticsJson() => new()
    {
        ["problems"] = Problems,
        ["solved"] = Solved,
        ["solved_fraction"] = SolvedFraction,
        ["samples"] = Samples,
        ["rewarded"] = Rewarded,
        ["kept"] = Kept.Count,
    };
}
