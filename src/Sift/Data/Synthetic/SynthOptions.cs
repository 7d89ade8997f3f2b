namespace Sift.Data.Synthetic;

/// <summary>
/// Settings of the embedded word-problem task. Difficulty grows with the step range and the number
/// range; the same options and seed always give the same problems.
/// </summary>
public sealed record SynthOptions
{
    /// <summary>How many problems <see cref="SyntheticMathTask.Generate"/> returns.</summary>
    public int Count { get; init; } = 1000;

    /// <summary>Fewest reasoning steps (annotated equations) in the reference solution, at least 1.</summary>
    public int MinSteps { get; init; } = 1;

    /// <summary>Most reasoning steps in the reference solution, at most 8.</summary>
    public int MaxSteps { get; init; } = 4;

    /// <summary>Largest number stated in a problem (counts and multipliers stay at most 9), at least 5.</summary>
    public int MaxNumber { get; init; } = 20;

    /// <summary>Largest intermediate result or answer allowed.</summary>
    public int MaxResult { get; init; } = 500;

    /// <summary>Root seed.</summary>
    public long Seed { get; init; }

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public void Validate()
    {
        if (Count < 0)
        {
            throw new ArgumentException($"Count must be >= 0 (got {Count})");
        }
        if (MinSteps < 1 || MaxSteps > 8 || MinSteps > MaxSteps)
        {
            throw new ArgumentException($"steps must satisfy 1 <= MinSteps <= MaxSteps <= 8 (got {MinSteps}..{MaxSteps})");
        }
        if (MaxNumber < 5)
        {
            throw new ArgumentException($"MaxNumber must be >= 5 (got {MaxNumber})");
        }
        if (MaxResult < 4 * MaxNumber)
        {
            throw new ArgumentException($"MaxResult must be >= 4 * MaxNumber = {4 * MaxNumber} (got {MaxResult})");
        }
    }
}
