using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Methods.Evaluator;
using Sift.Model;
using Sift.Training.Sft;

namespace Sift.Pipelines;

/// <summary>Where an experiment's problems come from: the embedded task, or JSONL files.</summary>
public sealed record DataOptions
{
    /// <summary>Training JSONL (null: generate the embedded task).</summary>
    public string? TrainPath { get; init; }

    /// <summary>Test JSONL (null: generate the embedded task).</summary>
    public string? TestPath { get; init; }

    /// <summary>Field map name (gsm8k, math, prompt-response, ...); null detects it from the first row.</summary>
    public string? Fields { get; init; }

    /// <summary>Skip malformed rows (counted) instead of stopping at the first.</summary>
    public bool SkipInvalid { get; init; }

    /// <summary>Embedded-task problems for training.</summary>
    public int SynthTrain { get; init; } = 2000;

    /// <summary>Embedded-task problems for testing (held out, disjoint).</summary>
    public int SynthTest { get; init; } = 1000;

    /// <summary>Embedded-task difficulty and seed.</summary>
    public SynthOptions Synth { get; init; } = new() { MinSteps = 1, MaxSteps = 4, MaxNumber = 20, MaxResult = 500, Seed = 1 };

    /// <summary>Use only the first N training problems (0: all).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Use only the first N test problems (0: all).</summary>
    public int TestLimit { get; init; }
}

/// <summary>The RFT stage: sampling from the SFT models and fine-tuning the base model.</summary>
public sealed record RftStageOptions
{
    /// <summary>Run RFT at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>Samples per training problem (the paper's k).</summary>
    public int K { get; init; } = 8;

    /// <summary>Sampling temperature (the paper: 0.7).</summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>Also build RFT-U from the union of the two SFT models' samples.</summary>
    public bool Union { get; init; } = true;

    /// <summary>Drop samples with a wrong calculator annotation.</summary>
    public bool CheckAnnotations { get; init; } = true;

    /// <summary>Fine-tuning settings of the RFT models (null: same as SFT).</summary>
    public SftOptions? Training { get; init; }
}

/// <summary>
/// The ReST-EM stage of an experiment (Singh et al. 2023): E-step samples from SFT model A, M-step
/// from A's base weights, <see cref="Iterations"/> times; test greedy accuracy after every iteration.
/// </summary>
public sealed record RestEmStageOptions
{
    /// <summary>Run ReST-EM at all.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>E-step/M-step iterations.</summary>
    public int Iterations { get; init; } = 3;

    /// <summary>E-step samples per training problem (the paper: 32; the demo uses fewer to fit its time budget).</summary>
    public int K { get; init; } = 8;

    /// <summary>E-step sampling temperature (the paper: 0.7).</summary>
    public float Temperature { get; init; } = 0.7f;

    /// <summary>E-step top-k filter (the paper: 40; 0: off).</summary>
    public int TopK { get; init; } = 40;

    /// <summary>Most rewarded samples kept per problem (the paper: 10).</summary>
    public int MaxPerProblem { get; init; } = 10;

    /// <summary>Fine-tune the previous iterate instead of the base model (the ablation).</summary>
    public bool ContinueFromPrevious { get; init; }

    /// <summary>M-step training settings (null: the SFT settings).</summary>
    public SftOptions? Training { get; init; }
}

/// <summary>
/// Solution re-ranking (Liu et al. 2023): an evaluator fine-tuned from SFT model A on A's own graded
/// training samples, n samples per test problem from A, and the accuracy of every selection strategy
/// against k.
/// </summary>
public sealed record RerankStageOptions
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

/// <summary>
/// Multi-task sequential fine-tuning (Liu et al. 2023, §3.3): solution fine-tuning alone against
/// generation → evaluation → generation and the mixed multi-task model, on greedy and re-ranked
/// accuracy (re-ranking uses <see cref="RerankStageOptions.N"/> samples of the same test problems).
/// </summary>
public sealed record MultitaskStageOptions
{
    public bool Enabled { get; init; } = true;

    /// <summary>Generation stages (sequential's last stage, and mixed; null: the SFT settings).</summary>
    public SftOptions? Generation { get; init; }

    /// <summary>The evaluation stage (evaluator prompt → label word, trained by SFT on the label).</summary>
    public SftOptions Evaluation { get; init; } = new() { Epochs = 2 };
}

/// <summary>
/// A whole SFT → sample → RFT (→ RFT-U) → evaluate experiment over several seeds: what `sift demo`
/// runs with built-in settings and `sift run config.yaml` with a config's.
/// </summary>
public sealed record ExperimentOptions
{
    public string Name { get; init; } = "experiment";

    /// <summary>One full pipeline per seed (model init, data order and sampling derive from it).</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    public DataOptions Data { get; init; } = new();

    /// <summary>Prompt template: plain or alpaca.</summary>
    public string Template { get; init; } = "plain";

    /// <summary>BPE vocabulary size when training a tokenizer.</summary>
    public int VocabSize { get; init; } = 384;

    /// <summary>An existing tokenizer.json (null: train one on the training texts).</summary>
    public string? TokenizerPath { get; init; }

    /// <summary>Model A: SFT, the RFT base, and the first half of RFT-U.</summary>
    public ModelShape Model { get; init; } = new();

    /// <summary>Model B (the second model of RFT-U; null: model A's shape with another seed).</summary>
    public ModelShape? ModelB { get; init; }

    public SftOptions Sft { get; init; } = new();

    public RftStageOptions Rft { get; init; } = new();

    public RestEmStageOptions RestEm { get; init; } = new();

    public RerankStageOptions Rerank { get; init; } = new();

    public MultitaskStageOptions Multitask { get; init; } = new();

    /// <summary>
    /// Run the data-composition study (Dong et al. 2023) after the per-seed methods, over the same seeds:
    /// math, code and general abilities under multi-task, sequential, mixed sequential and DMT mixtures.
    /// </summary>
    public bool DmtEnabled { get; init; } = true;

    /// <summary>A `sift mix` config for the study (null: <see cref="Sift.Methods.Dmt.DmtOptions"/>'s defaults); its seeds are replaced by <see cref="Seeds"/>.</summary>
    public string? DmtConfigPath { get; init; }

    /// <summary>Test-set evaluation: greedy plus K samples for maj1@K.</summary>
    public EvalOptions Eval { get; init; } = new() { K = 4 };

    /// <summary>Decoding batch (KV-cache slots) for sampling and evaluation.</summary>
    public int SampleBatch { get; init; } = 64;

    /// <summary>Most new tokens per sample.</summary>
    public int MaxNewTokens { get; init; } = 128;
}
