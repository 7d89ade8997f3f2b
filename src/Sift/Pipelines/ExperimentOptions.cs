using Sift.Data;
using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Methods.Dmt;
using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;
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

    /// <summary>
    /// Validation problems for the held-out loss, from the training distribution: for the embedded task,
    /// this many more problems from the training side of its split (train and test unchanged); for files,
    /// the last this many training problems, taken out of training (0: no held-out loss).
    /// </summary>
    public int Validation { get; init; } = 256;

    /// <summary>Use only the first N training problems (0: all).</summary>
    public int TrainLimit { get; init; }

    /// <summary>Use only the first N test problems (0: all).</summary>
    public int TestLimit { get; init; }
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

    /// <summary>Prompt template: plain, alpaca or chat (ChatML turns over the tokenizer the experiment trains).</summary>
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

    public RftOptions Rft { get; init; } = new();

    public RestEmOptions RestEm { get; init; } = new();

    public RerankOptions Rerank { get; init; } = new();

    public MultitaskOptions Multitask { get; init; } = new();

    /// <summary>
    /// The data-composition study (Dong et al. 2023), run after the per-seed methods over the same seeds
    /// when <see cref="DmtOptions.Enabled"/>: math, code and general abilities under multi-task, sequential,
    /// mixed sequential and DMT mixtures. Opt-in (the demo turns it on): it trains its own models on other
    /// tasks, with this experiment's template, vocabulary size, model, SFT settings and sample batch.
    /// </summary>
    public DmtOptions Dmt { get; init; } = new();

    /// <summary>Test-set evaluation: greedy plus K samples for maj1@K.</summary>
    public EvalOptions Eval { get; init; } = new EvalOptions().WithK(4);

    /// <summary>Decoding batch (KV-cache slots) for sampling and evaluation.</summary>
    public int SampleBatch { get; init; } = 64;

    /// <summary>Most new tokens per sample.</summary>
    public int MaxNewTokens { get; init; } = 128;

    /// <summary>What the data-composition study runs with: <see cref="Dmt"/> over this experiment's shared fields (`sift run` and `sift mix` alike).</summary>
    public DmtSettings DmtSettings() => Dmt.Resolve(Seeds, PromptTemplate.ByName(Template), VocabSize, Model, Sft, MaxNewTokens, SampleBatch);
}
