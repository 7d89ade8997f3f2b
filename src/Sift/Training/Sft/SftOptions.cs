namespace Sift.Training.Sft;

/// <summary>Settings of one supervised fine-tuning run (every field has a default that works for the demo's small models).</summary>
public sealed record SftOptions
{
    /// <summary>Passes over the data; ignored when <see cref="MaxSteps"/> &gt; 0.</summary>
    public double Epochs { get; init; } = 3;

    /// <summary>Optimizer steps; 0 means <see cref="Epochs"/> × steps per epoch.</summary>
    public int MaxSteps { get; init; }

    /// <summary>Examples per optimizer step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Batches per length-sorting window (1 = no bucketing).</summary>
    public int BucketWindow { get; init; } = 16;

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

    /// <summary>Evaluate (held-out loss and the caller's hook) every this many steps (0: only at the end).</summary>
    public int EvalEvery { get; init; }

    /// <summary>Write a training record to the log every this many steps.</summary>
    public int LogEvery { get; init; } = 10;

    /// <summary>Throws with the field's name when a value is out of range.</summary>
    public void Validate()
    {
        if (MaxSteps < 0) throw new ArgumentException($"steps must be >= 0, got {MaxSteps}");
        if (MaxSteps == 0 && !(Epochs > 0)) throw new ArgumentException($"epochs must be > 0 when steps is 0, got {Epochs}");
        if (BatchSize < 1) throw new ArgumentException($"batch_size must be >= 1, got {BatchSize}");
        if (BucketWindow < 1) throw new ArgumentException($"bucket_window must be >= 1, got {BucketWindow}");
        if (!(LearningRate > 0)) throw new ArgumentException($"lr must be > 0, got {LearningRate}");
        if (!(MinLearningRateRatio is >= 0 and <= 1)) throw new ArgumentException($"min_lr_ratio must be in [0, 1], got {MinLearningRateRatio}");
        if (!(WarmupFraction is >= 0 and < 1)) throw new ArgumentException($"warmup must be in [0, 1), got {WarmupFraction}");
        if (CheckpointEvery < 0 || EvalEvery < 0 || LogEvery < 1) throw new ArgumentException("checkpoint_every and eval_every must be >= 0, log_every >= 1");
    }
}
