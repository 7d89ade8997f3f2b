namespace Sift.Training;

/// <summary>Optimizer, schedule and clipping settings of a training step (docs/model-spec.md, "Optimizer").</summary>
public sealed record TrainStepOptions
{
    /// <summary>AdamW betas, epsilon and weight decay (decay is applied to 2-D parameters only).</summary>
    public AdamWOptions Optimizer { get; init; } = new();

    /// <summary>Warm-up + cosine learning-rate schedule.</summary>
    public LearningRateSchedule Schedule { get; init; } = new() { PeakLearningRate = 3e-4, TotalSteps = 1000 };

    /// <summary>Global gradient-norm clip; 0 or less disables clipping.</summary>
    public float MaxGradNorm { get; init; } = 1f;

    /// <summary>
    /// Warm-up then cosine decay over <paramref name="totalSteps"/> (the warm-up a fraction of them,
    /// rounded), AdamW with <paramref name="weightDecay"/>: what the SFT and evaluator trainers run.
    /// </summary>
    public static TrainStepOptions WarmupCosine(double peakLearningRate, double minLearningRateRatio, double warmupFraction, double weightDecay, float maxGradNorm, int totalSteps) => new()
    {
        Optimizer = new AdamWOptions { WeightDecay = weightDecay },
        MaxGradNorm = maxGradNorm,
        Schedule = new LearningRateSchedule
        {
            PeakLearningRate = peakLearningRate,
            MinLearningRate = peakLearningRate * minLearningRateRatio,
            WarmupSteps = (int)Math.Round(warmupFraction * totalSteps),
            TotalSteps = totalSteps,
        },
    };

    /// <summary>A constant learning rate, no clipping, otherwise defaults (tests, golden runs).</summary>
    public static TrainStepOptions Constant(double learningRate, float maxGradNorm = 0f, double weightDecay = 0.1) => new()
    {
        Schedule = LearningRateSchedule.Constant(learningRate),
        MaxGradNorm = maxGradNorm,
        Optimizer = new AdamWOptions { WeightDecay = weightDecay },
    };
}
