namespace Sift.Training.Sft;

/// <summary>Settings of one supervised fine-tuning run: the shared <see cref="TrainingArguments"/> plus batching (every default works for the demo's small models).</summary>
public sealed record SftOptions : TrainingArguments
{
    /// <summary>Examples per optimizer step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Batches per length-sorting window (1 = no bucketing).</summary>
    public int BucketWindow { get; init; } = 16;

    /// <summary>Evaluate (held-out loss and the caller's hook) every this many steps (0: only at the end).</summary>
    public int EvalEvery { get; init; }

    /// <summary>Throws with the field's name when a value is out of range.</summary>
    public void Validate()
    {
        ValidateShared();
        if (BatchSize < 1) throw new ArgumentException($"batch_size must be >= 1, got {BatchSize}");
        if (BucketWindow < 1) throw new ArgumentException($"bucket_window must be >= 1, got {BucketWindow}");
        if (EvalEvery < 0) throw new ArgumentException($"eval_every must be >= 0, got {EvalEvery}");
    }
}
