using Sift.Data;
using Sift.Methods.Evaluator;
using Sift.Training.Sft;

namespace Sift.Methods.Multitask;

/// <summary>
/// Multi-task sequential fine-tuning (Liu et al. 2023, §3.3): solution fine-tuning alone against
/// generation → evaluation → generation and the mixed multi-task model, on greedy and re-ranked
/// accuracy. The one options record of the method: `sift multitask` and the experiment's multi-task
/// stage both read it (the experiment sets the template, seed, decoding and re-ranking samples from its
/// shared settings).
/// </summary>
public sealed record MultitaskOptions
{
    /// <summary>Run the multi-task stage of an experiment at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Strategies to run, in order.</summary>
    public IReadOnlyList<MultitaskStrategy> Strategies { get; init; } = [MultitaskStrategy.SolutionFt, MultitaskStrategy.SolutionFtContinued, MultitaskStrategy.Sequential, MultitaskStrategy.Mixed];

    /// <summary>Fine-tuning on the generation task (sequential's last stage, and mixed; null: the experiment's SFT settings, or the defaults).</summary>
    public SftOptions? Generation { get; init; }

    /// <summary>The generation stages' settings in effect.</summary>
    public SftOptions GenerationTraining => Generation ?? DefaultGeneration;

    private static readonly SftOptions DefaultGeneration = new();

    /// <summary>Fine-tuning on the evaluation task (sequential's middle stage, solution_ft's evaluator).</summary>
    public SftOptions Evaluation { get; init; } = new() { Epochs = 2 };

    /// <summary>How the evaluation examples are drawn from the SFT model's graded samples (balanced per problem).</summary>
    public EvaluatorDataOptions Data { get; init; } = new();

    public PromptTemplate Template { get; init; } = PromptTemplate.Plain;

    /// <summary>Samples per test problem drawn from each final generator and re-ranked by its evaluator (0: no re-ranking).</summary>
    public int RerankSamples { get; init; } = 16;

    /// <summary>Temperature of the re-ranking samples.</summary>
    public float Temperature { get; init; } = 0.7f;

    public int MaxNewTokens { get; init; } = 160;

    /// <summary>Sequences decoded together when sampling.</summary>
    public int SampleBatch { get; init; } = 64;

    /// <summary>
    /// Score sequential's samples with its evaluation-stage model instead of its final model. The final
    /// model is the paper's single generator+evaluator, but its last generation stage can overwrite the
    /// label logits (docs/evaluator.md measured an inverted ranking, AUC 0.31).
    /// </summary>
    public bool SequentialScoresWithEvaluationStage { get; init; }

    /// <summary>Rows per evaluator forward when scoring.</summary>
    public int ScoreBatch { get; init; } = 32;

    /// <summary>Random subsets per k in the re-ranking sweep.</summary>
    public int RerankSubsets { get; init; } = 16;

    /// <summary>Root seed (sampling; stage data order derives from the SFT options' own seeds).</summary>
    public ulong Seed { get; init; } = 1;

    public void Validate()
    {
        if (Strategies.Count == 0) throw new ArgumentException("no multitask strategies to run");
        if (RerankSamples < 0) throw new ArgumentException($"rerank_samples must be >= 0, got {RerankSamples}");
        if (ScoreBatch < 1 || SampleBatch < 1 || RerankSubsets < 1) throw new ArgumentException("score_batch, sample_batch and rerank_subsets must be >= 1");
        GenerationTraining.Validate();
        Evaluation.Validate();
        Data.Validate();
    }

    /// <summary>The name used in results and directories.</summary>
    public static string NameOf(MultitaskStrategy s) => s switch
    {
        MultitaskStrategy.SolutionFt => "solution_ft",
        MultitaskStrategy.SolutionFtContinued => "solution_ft_continued",
        MultitaskStrategy.Sequential => "sequential",
        _ => "mixed",
    };
}
