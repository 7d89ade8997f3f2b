namespace Sift.Methods.Evaluator;

/// <summary>
/// Solution re-ranking (Liu et al. 2023): an evaluator fine-tuned from SFT model A on A's own graded
/// training samples, n samples per test problem from A, and the accuracy of every selection strategy
/// against k.
/// </summary>
public sealed record RerankOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Samples per test problem (the largest k).</summary>
    public int N { get; init; } = 8;

    /// <summary>Re-rank the first this many test problems (0: all).</summary>
    public int TestProblems { get; init; } = 500;

    /// <summary>The evaluator's training (objective, margin λ, epochs, ...).</summary>
    public EvaluatorTrainOptions Evaluator { get; init; } = new();

    /// <summary>How the evaluator's training pairs are drawn (balanced per problem).</summary>
    public EvaluatorDataOptions Data { get; init; } = new();
}
