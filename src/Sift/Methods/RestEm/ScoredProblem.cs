using Sift.Data;
using Sift.Eval;
using Sift.Rewards;
using Sift.Inference;

namespace Sift.Methods.RestEm;

/// <summary>One training problem's E-step samples with the reward of each (same order: sample index).</summary>
public sealed record ScoredProblem(MathProblem Problem, IReadOnlyList<Completion> Completions, IReadOnlyList<RewardResult> Rewards);
