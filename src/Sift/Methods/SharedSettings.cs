using Sift.Data;
using Sift.Eval;
using Sift.Training.Sft;

namespace Sift.Methods;

/// <summary>
/// What every method of an experiment shares (the role of TRL's shared training arguments): the prompt
/// template, the SFT settings a method trains with unless its own options say otherwise, the test-set
/// evaluation and the decoding limits. Each method's options record holds only what is its own.
/// </summary>
public sealed record SharedSettings
{
    public required PromptTemplate Template { get; init; }

    /// <summary>Training settings of every fine-tuning a method does not configure itself.</summary>
    public required SftOptions Sft { get; init; }

    /// <summary>Test-set evaluation (greedy, and K samples for maj1@K).</summary>
    public required EvalOptions Eval { get; init; }

    /// <summary>Most new tokens per sample.</summary>
    public required int MaxNewTokens { get; init; }

    /// <summary>Sequences decoded together (KV-cache slots).</summary>
    public required int SampleBatch { get; init; }
}
