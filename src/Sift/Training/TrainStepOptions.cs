namespace Sift.Training;

/// <summary>Optimizer and schedule settings of a training step (docs/model-spec.md, "Optimizer").</summary>
public sealed record TrainStepOptions
{
    /// <summary>Peak learning rate (reached at the end of warm-up).</summary>
    public float LearningRate { get; init; } = 3e-4f;

    /// <summary>Learning rate the cosine decays to at <see cref="TotalSteps"/>.</summary>
    public float MinLearningRate { get; init; }

    public int WarmupSteps { get; init; }

    public int TotalSteps { get; init; } = 1000;

    public float Beta1 { get; init; } = 0.9f;

    public float Beta2 { get; init; } = 0.95f;

    public float Epsilon { get; init; } = 1e-8f;

    /// <summary>Decoupled weight decay, applied to 2-D parameters only.</summary>
    public float WeightDecay { get; init; } = 0.1f;

    /// <summary>Global gradient-norm clip; 0 or less disables clipping.</summary>
    public float MaxGradNorm { get; init; } = 1f;
}
