namespace Sift.Methods.Evaluator;

/// <summary>How evaluator training data is drawn from graded samples.</summary>
public sealed record EvaluatorDataOptions
{
    /// <summary>Root seed of the per-problem choice of samples and of the held-out split.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Most examples of EACH class taken from one problem (0: no cap beyond balance).</summary>
    public int MaxPerClass { get; init; } = 4;

    /// <summary>Fraction of problems held out for evaluation by <see cref="EvaluatorDataset.SplitByProblem"/>.</summary>
    public double HeldOutFraction { get; init; } = 0.2;

    public void Validate()
    {
        if (MaxPerClass < 0) throw new ArgumentException($"max_per_class must be >= 0, got {MaxPerClass}");
        if (!(HeldOutFraction is >= 0 and < 1)) throw new ArgumentException($"held_out_fraction must be in [0, 1), got {HeldOutFraction}");
    }
}
