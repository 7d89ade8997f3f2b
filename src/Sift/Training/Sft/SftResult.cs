namespace Sift.Training.Sft;

/// <summary>How an SFT run ended.</summary>
/// <param name="Completed">False when it was cancelled before its last step (resume from the run directory).</param>
/// <param name="Steps">Steps done in total (resumed ones included).</param>
/// <param name="ResumedFromStep">The step the run resumed from (0 for a fresh run).</param>
/// <param name="FinalLoss">Mean training loss of the last logged window.</param>
/// <param name="EvalLoss">Held-out loss at the end (NaN when no held-out set was given).</param>
/// <param name="TokensPerSecond">Training throughput of this process.</param>
/// <param name="Elapsed">Wall time of this process's training.</param>
public sealed record SftResult(bool Completed, long Steps, long ResumedFromStep, double FinalLoss, double EvalLoss, double TokensPerSecond, TimeSpan Elapsed);
