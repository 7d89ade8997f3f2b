using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Training.Sft;

namespace Sift.Pipelines;

/// <summary>The built-in experiments of `sift demo` (sized for a 2-core machine; every field can be overridden in a YAML config).</summary>
public static class ExperimentPresets
{
    /// <summary>The default demo: 3 seeds, ≥ 1,000 held-out test problems.</summary>
    public static ExperimentOptions Demo(IReadOnlyList<int>? seeds = null) => new()
    {
        Name = "demo",
        Seeds = seeds ?? [1, 2, 3],
        Data = new DataOptions
        {
            SynthTrain = 1500,
            SynthTest = 1000,
            Synth = new SynthOptions { MinSteps = 1, MaxSteps = 4, MaxNumber = 20, MaxResult = 500, Seed = 7 },
        },
        Template = "plain",
        VocabSize = 384,
        Model = new ModelShape { Hidden = 64, Layers = 2, Heads = 4, KeyValueHeads = 4, Intermediate = 176, Context = 160 },
        Sft = new SftOptions { Epochs = 3, BatchSize = 32, LearningRate = 2e-3, WarmupFraction = 0.05, CheckpointEvery = 100 },
        Rft = new RftStageOptions { K = 8, Temperature = 0.7f, Union = true },
        Eval = new EvalOptions { Greedy = true, K = 4, Temperature = 0.7f },
        SampleBatch = 64,
        MaxNewTokens = 100,
    };

    /// <summary>A smoke test of every stage in about two minutes (1 seed, small sets).</summary>
    public static ExperimentOptions Quick(IReadOnlyList<int>? seeds = null) => Demo(seeds ?? [1]) with
    {
        Name = "demo-quick",
        Data = Demo().Data with { SynthTrain = 300, SynthTest = 200 },
        Sft = Demo().Sft with { Epochs = 2, BatchSize = 32 },
        Rft = Demo().Rft with { K = 4 },
        Eval = Demo().Eval with { K = 2 },
    };
}
