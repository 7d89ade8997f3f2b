namespace Sift.Methods.Evaluator;

/// <summary>Settings of evaluator fine-tuning (defaults fit the demo's small models).</summary>
public sealed record EvaluatorTrainOptions
{
    /// <summary>Label cross-entropy, margin loss, or both summed.</summary>
    public EvaluatorObjective Objective { get; init; } = EvaluatorObjective.Both;

    /// <summary>λ of the margin loss max(0, log S(X⁻) − log S(X⁺) + λ).</summary>
    public double Margin { get; init; } = 1.0;

    /// <summary>(X⁺, X⁻) pairs per optimizer step (the batch has twice as many rows).</summary>
    public int PairsPerStep { get; init; } = 8;

    /// <summary>Passes over the pairs; ignored when <see cref="MaxSteps"/> &gt; 0.</summary>
    public double Epochs { get; init; } = 2;

    /// <summary>Optimizer steps (0: <see cref="Epochs"/> × steps per epoch).</summary>
    public int MaxSteps { get; init; }

    public double LearningRate { get; init; } = 1e-3;

    /// <summary>Cosine floor as a fraction of the peak.</summary>
    public double MinLearningRateRatio { get; init; } = 0.1;

    /// <summary>Warm-up length as a fraction of all steps.</summary>
    public double WarmupFraction { get; init; } = 0.05;

    public double WeightDecay { get; init; } = 0.1;

    /// <summary>Global gradient-norm clip (0 disables).</summary>
    public float MaxGradNorm { get; init; } = 1f;

    /// <summary>Root seed of the pair order.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Save a resumable checkpoint every this many steps (0: only at the end).</summary>
    public int CheckpointEvery { get; init; } = 100;

    /// <summary>Write a training record to the log every this many steps.</summary>
    public int LogEvery { get; init; } = 10;

    public void Validate()
    {
        if (PairsPerStep < 1) throw new ArgumentException($"pairs_per_step must be >= 1, got {PairsPerStep}");
        if (MaxSteps < 0) throw new ArgumentException($"steps must be >= 0, got {MaxSteps}");
        if (MaxSteps == 0 && !(Epochs > 0)) throw new ArgumentException($"epochs must be > 0 when steps is 0, got {Epochs}");
        if (!(LearningRate > 0)) throw new ArgumentException($"lr must be > 0, got {LearningRate}");
        if (!(Margin >= 0)) throw new ArgumentException($"margin must be >= 0, got {Margin}");
        if (!(MinLearningRateRatio is >= 0 and <= 1)) throw new ArgumentException($"min_lr_ratio must be in [0, 1], got {MinLearningRateRatio}");
        if (!(WarmupFraction is >= 0 and < 1)) throw new ArgumentException($"warmup must be in [0, 1), got {WarmupFraction}");
        if (CheckpointEvery < 0 || LogEvery < 1) throw new ArgumentException("checkpoint_every must be >= 0, log_every >= 1");
    }
}
