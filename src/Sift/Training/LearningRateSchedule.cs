namespace Sift.Training;

/// <summary>How the learning rate moves after warm-up.</summary>
public enum ScheduleKind
{
    /// <summary>Cosine decay from the peak to <see cref="LearningRateSchedule.MinLearningRate"/> at <see cref="LearningRateSchedule.TotalSteps"/> (Loshchilov &amp; Hutter, SGDR, 2017).</summary>
    Cosine,

    /// <summary>The peak learning rate after warm-up, for ever.</summary>
    Constant,
}

/// <summary>
/// Linear warm-up, then cosine decay to a floor (or constant). Steps are 0-based: step s is the
/// (s+1)-th optimizer step. During warm-up lr(s) = peak·(s+1)/warmup (as llm.c: no step is wasted at
/// lr 0), so the peak is reached at s = warmup−1; then
/// lr(s) = min + ½(peak − min)(1 + cos(π·(s − warmup)/(total − warmup))), which is the peak at
/// s = warmup and min at s ≥ total.
/// </summary>
public sealed record LearningRateSchedule
{
    public double PeakLearningRate { get; init; } = 3e-4;
    public double MinLearningRate { get; init; }
    public int WarmupSteps { get; init; }
    public int TotalSteps { get; init; } = 1;
    public ScheduleKind Kind { get; init; } = ScheduleKind.Cosine;

    /// <summary>A constant learning rate with no warm-up.</summary>
    public static LearningRateSchedule Constant(double learningRate) =>
        new() { PeakLearningRate = learningRate, MinLearningRate = learningRate, Kind = ScheduleKind.Constant };

    /// <summary>Throws <see cref="ArgumentException"/> naming the field when a value is out of range.</summary>
    public void Validate()
    {
        if (!(PeakLearningRate >= 0)) throw new ArgumentException($"learning rate must be >= 0, got {PeakLearningRate}");
        if (!(MinLearningRate >= 0 && MinLearningRate <= PeakLearningRate)) throw new ArgumentException($"min_lr must be in [0, lr={PeakLearningRate}], got {MinLearningRate}");
        if (WarmupSteps < 0) throw new ArgumentException($"warmup_steps must be >= 0, got {WarmupSteps}");
        if (Kind == ScheduleKind.Cosine && TotalSteps < WarmupSteps) throw new ArgumentException($"total_steps ({TotalSteps}) must be >= warmup_steps ({WarmupSteps})");
    }

    /// <summary>The learning rate of 0-based optimizer step <paramref name="step"/>.</summary>
    public double At(long step)
    {
        if (step < 0) throw new ArgumentOutOfRangeException(nameof(step), step, "step must be >= 0");
        if (step < WarmupSteps) return PeakLearningRate * (step + 1) / WarmupSteps;
        if (Kind == ScheduleKind.Constant) return PeakLearningRate;
        long decaySteps = TotalSteps - WarmupSteps;
        if (decaySteps <= 0 || step >= TotalSteps) return MinLearningRate;
        double progress = (double)(step - WarmupSteps) / decaySteps;
        return MinLearningRate + 0.5 * (PeakLearningRate - MinLearningRate) * (1 + Math.Cos(Math.PI * progress));
    }
}
