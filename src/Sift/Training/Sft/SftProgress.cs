namespace Sift.Training.Sft;

/// <summary>What a running SFT job reports after each step (the CLI renders it as a progress bar).</summary>
/// <param name="Step">Steps done.</param>
/// <param name="TotalSteps">Steps in the run.</param>
/// <param name="Epoch">Fractional epochs done.</param>
/// <param name="Loss">Loss of the last step.</param>
/// <param name="LearningRate">Learning rate of the last step.</param>
/// <param name="TokensPerSecond">Input tokens (padding included) per second since this process started training.</param>
/// <param name="Elapsed">Wall time since this process started training.</param>
/// <param name="Remaining">Estimated time to the last step.</param>
public readonly record struct SftProgress(long Step, long TotalSteps, double Epoch, float Loss, double LearningRate, double TokensPerSecond, TimeSpan Elapsed, TimeSpan Remaining);
