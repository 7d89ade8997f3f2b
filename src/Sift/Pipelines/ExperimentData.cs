using Sift.Data;

namespace Sift.Pipelines;

/// <summary>An experiment's problems: training, test (held out, disjoint) and validation (the training distribution's held-out split, for the held-out loss).</summary>
public sealed record ExperimentData(IReadOnlyList<MathProblem> Train, IReadOnlyList<MathProblem> Test, IReadOnlyList<MathProblem> Validation);
