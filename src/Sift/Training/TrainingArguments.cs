namespace Sift.Training;

/// <summary>
/// The training settings every trainer shares (the role of TRL's <c>TrainingArguments</c>, which each
/// method's config inherits): schedule, optimizer, clipping, seed and checkpoint/log cadence. Each
/// trainer's options derive from it and add only their own fields.
/// </summary>
public abstract record TrainingArguments
{
    /// <summary>Passes over the data; ignored when <see cref="MaxSteps"/> &gt; 0.</summary>
    public double Epochs { get; init; } = 3;

    /// <summary>Optimizer steps; 0 means <see cref="Epochs"/> × steps per epoch.</summary>
    public int MaxSteps { get; init; }

    /// <summary>Peak learning rate after warm-up.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Cosine floor as a fraction of the peak.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>Warm-up length as a fraction of all steps.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    /// <summary>AdamW decoupled weight decay (2-D parameters only).</summary>
    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Global gradient-norm clip (0 disables).</summary>
    public float MaxGradNorm { get; init; } = 1f;

    /// <summary>Root seed of the data order (each epoch's order is derived from it by name).</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Save a resumable checkpoint every this many steps (0: only at the end).</summary>
    public int CheckpointEvery { get; init; } = 200;

    /// <summary>Write a training record to the log every this many steps.</summary>
    public int LogEvery { get; init; } = 10;

    /// <summary>Throws with the field's name when a shared value is out of range.</summary>
    protected void ValidateShared()
    {
        if (MaxSteps < 0) throw new ArgumentException($"steps must be >= 0, got {MaxSteps}");
        if (MaxSteps == 0 && !(Epochs > 0)) throw new ArgumentException($"epochs must be > 0 when steps is 0, got {Epochs}");
        if (!(LearningRate > 0)) throw new ArgumentException($"lr must be > 0, got {LearningRate}");
        if (!(MinLearningRateRatio is >= 0 and <= 1)) throw new ArgumentException($"min_lr_ratio must be in [0, 1], got {MinLearningRateRatio}");
        if (!(WarmupFraction is >= 0 and < 1)) throw new ArgumentException($"warmup must be in [0, 1), got {WarmupFraction}");
        if (CheckpointEvery < 0 || LogEvery < 1) throw new ArgumentException("checkpoint_every must be >= 0, log_every >= 1");
    }
}
