namespace Sift.Text;

/// <summary>Settings of <see cref="BpeTrainer"/>.</summary>
public sealed record BpeTrainerOptions
{
    /// <summary>Stop merging when the most frequent pair occurs fewer times than this (the vocabulary is then smaller than asked).</summary>
    public int MinPairFrequency { get; init; } = 2;

    /// <summary>Optional progress callback: (merges done, merges wanted).</summary>
    public Action<int, int>? Progress { get; init; }
}
