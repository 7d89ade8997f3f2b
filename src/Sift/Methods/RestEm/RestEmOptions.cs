using Sift.Data;
using Sift.Eval;
using Sift.Training.Sft;
using Sift.Inference;

namespace Sift.Methods.RestEm;

/// <summary>
/// Settings of a ReST-EM run (Singh et al. 2023, "Beyond Human Data"). Defaults follow the paper's
/// math setup where it gives one: k = 32 samples per problem at temperature 0.7 with top-k 40, at most
/// N = 10 kept per problem, the M-step restarting from the base model every iteration. The one options
/// record of the method: `sift restem` and the experiment's ReST-EM stage both read it (the experiment
/// sets <see cref="Seed"/>, <see cref="Template"/>, <see cref="MaxNewTokens"/> and <see cref="SampleBatch"/>
/// from its shared settings).
/// </summary>
public sealed record RestEmOptions
{
    /// <summary>Run the ReST-EM stage of an experiment at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>E-step/M-step iterations (the paper finds most of the gain in the first one to three).</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>Samples per training problem in the E-step.</summary>
    public int K { get; init; } = 32;

    /// <summary>E-step sampling temperature.</summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>E-step top-k filter (0: off).</summary>
    public int TopK { get; init; } = 40;

    /// <summary>Most rewarded samples kept per problem (the first N by sample index), so easy problems do not dominate.</summary>
    public int MaxPerProblem { get; init; } = 10;

    /// <summary>Fine-tune the model that sampled the iteration's data instead of the base model (the ablation the paper argues against).</summary>
    public bool ContinueFromPrevious { get; init; }

    /// <summary>
    /// Stop after this many iterations in a row without a validation reward above the best so far
    /// (0: never stop early). Needs validation problems; without them it is ignored.
    /// </summary>
    public int Patience { get; init; } = 1;

    /// <summary>
    /// The M-step's training settings (null: the experiment's SFT settings, or the defaults); the seed is
    /// replaced by one derived from <see cref="Seed"/> per iteration.
    /// </summary>
    public SftOptions? Training { get; init; }

    /// <summary>The M-step's training settings in effect.</summary>
    public SftOptions MStepTraining => Training ?? DefaultTraining;

    private static readonly SftOptions DefaultTraining = new();

    /// <summary>Root seed: the E-step samples, the M-step data order and evaluation are derived from it by name.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Prompt template (must be the one the starting model was fine-tuned with).</summary>
    public PromptTemplate Template { get; init; } = PromptTemplate.Plain;

    /// <summary>Most new tokens per completion (E-step, evaluation, validation).</summary>
    public int MaxNewTokens { get; init; } = 160;

    /// <summary>Sequences decoded together when sampling.</summary>
    public int SampleBatch { get; init; } = 64;

    /// <summary>The E-step's sampling settings for iteration <paramref name="iteration"/>.</summary>
    public SamplingSettings EStepSampling(int iteration) => SamplingSettings.Sampled(K, Temperature, MaxNewTokens, SampleBatch, RestEmSeeds.EStep(Seed, iteration), TopK);

    /// <summary>Throws with the field's name when a value is out of range.</summary>
    public void Validate()
    {
        if (Iterations < 1) throw new ArgumentException($"iterations must be >= 1, got {Iterations}");
        if (K < 1) throw new ArgumentException($"k must be >= 1, got {K}");
        if (!(Temperature >= 0)) throw new ArgumentException($"temperature must be >= 0, got {Temperature}");
        if (TopK < 0) throw new ArgumentException($"top_k must be >= 0, got {TopK}");
        if (MaxPerProblem < 1) throw new ArgumentException($"max_per_problem must be >= 1, got {MaxPerProblem}");
        if (Patience < 0) throw new ArgumentException($"patience must be >= 0, got {Patience}");
        if (MaxNewTokens < 1) throw new ArgumentException($"max_new_tokens must be >= 1, got {MaxNewTokens}");
        if (SampleBatch < 1) throw new ArgumentException($"sample_batch must be >= 1, got {SampleBatch}");
        MStepTraining.Validate();
    }
}
