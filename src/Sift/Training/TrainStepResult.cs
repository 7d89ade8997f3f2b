namespace Sift.Training;

/// <summary>What one optimizer step did.</summary>
/// <param name="Step">1-based count of steps taken so far.</param>
/// <param name="Loss">Weighted mean loss over all micro-batches of the step.</param>
/// <param name="GradNorm">Global gradient norm before clipping.</param>
/// <param name="LearningRate">Learning rate used.</param>
/// <param name="TokenWeight">Total loss weight of the step (the loss denominator).</param>
public readonly record struct TrainStepResult(long Step, float Loss, float GradNorm, double LearningRate, double TokenWeight);
