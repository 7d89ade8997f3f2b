namespace Sift.Methods.Rft;

/// <summary>
/// One sampled solution of a training problem, after grading. Only correct samples can become
/// reasoning paths; the incorrect ones still count for coverage as k grows.
/// </summary>
/// <param name="ProblemId">The problem it answers.</param>
/// <param name="Solution">The sampled text.</param>
/// <param name="Correct">Whether its final answer matched the gold answer.</param>
public sealed record PathSample(string ProblemId, string Solution, bool Correct = true);
