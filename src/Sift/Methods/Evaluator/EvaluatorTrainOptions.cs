using Sift.Training;

namespace Sift.Methods.Evaluator;

/// <summary>
/// Settings of evaluator fine-tuning (Liu et al. 2023): the shared <see cref="TrainingArguments"/> (2 epochs,
/// a checkpoint every 100 steps by default, to fit the demo's small models) plus the evaluator's objective.
/// </summary>
public sealed record EvaluatorTrainOptions : TrainingArguments
{
    public EvaluatorTrainOptions()
    {
        Epochs = 2;
        CheckpointEvery = 100;
    }

    /// <summary>Label cross-entropy, margin loss, or both summed.</summary>
    public EvaluatorObjective Objective { get; init; } = EvaluatorObjective.Both;

    /// <summary>λ of the margin loss max(0, log S(X⁻) − log S(X⁺) + λ).</summary>
    public double Margin { get; init; } = 1.0;

    /// <summary>(X⁺, X⁻) pairs per optimizer step (the batch has twice as many rows).</summary>
    public int PairsPerStep { get; init; } = 8;

    public void Validate()
    {
        ValidateShared();
        if (PairsPerStep < 1) throw new ArgumentException($"pairs_per_step must be >= 1, got {PairsPerStep}");
        if (!(Margin >= 0)) throw new ArgumentException($"margin must be >= 0, got {Margin}");
    }
}
