namespace Sift.Methods.Evaluator;

/// <summary>What an evaluator training run did.</summary>
/// <param name="Completed">False when cancelled before the last step.</param>
/// <param name="Steps">Optimizer steps taken (in total, resumed ones included).</param>
/// <param name="ResumedFrom">The step a checkpoint resumed from (0: fresh start).</param>
/// <param name="FinalLoss">Mean loss over the last logging window.</param>
/// <param name="Elapsed">Wall time of this process's training.</param>
public sealed record EvaluatorTrainResult(bool Completed, long Steps, long ResumedFrom, double FinalLoss, TimeSpan Elapsed);
