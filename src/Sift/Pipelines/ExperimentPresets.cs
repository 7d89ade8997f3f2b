using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Training.Sft;
using Sift.Model;
using Sift.Methods.Dmt;
using Sift.Methods.Evaluator;
using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;

namespace Sift.Pipelines;

/// <summary>
/// The built-in experiments of `sift demo`, sized for a 2-core machine (every field can be
/// overridden in a YAML config; configs/demo.yaml spells them out).
/// </summary>
public static class ExperimentPresets
{
    /// <summary>The default demo: 3 seeds, 1,500 training and 1,000 held-out test problems.</summary>
    public static ExperimentOptions Demo(IReadOnlyList<int>? seeds = null) => new()
    {
        Name = "demo",
        Seeds = seeds ?? [1, 2, 3],
        Data = new DataOptions
        {
            SynthTrain = 1500,
            SynthTest = 1000,
            Synth = new SynthOptions { MinSteps = 1, MaxSteps = 2, MaxNumber = 9, MaxResult = 100, Seed = 7 },
        },
        Template = "plain",
        VocabSize = 384,
        // Model A (~0.17M parameters) is SFT, the RFT base and the first half of RFT-U; model B is
        // differently sized and seeded, so the union pools two models' distinct mistakes and paths.
        Model = new ModelShape { Hidden = 64, Layers = 3, Heads = 4, KeyValueHeads = 4, Intermediate = 176, Context = 160 },
        ModelB = new ModelShape { Hidden = 48, Layers = 3, Heads = 4, KeyValueHeads = 4, Intermediate = 128, Context = 160 },
        Sft = new SftOptions { Epochs = 10, BatchSize = 16, LearningRate = 3e-3, WarmupFraction = 0.05, CheckpointEvery = 200 },
        // RFT models are trained exactly like the SFT model (the paper uses the same 3 epochs for both);
        // Training = null means "the SFT settings". An earlier setting trained RFT for 4 epochs only
        // and under-trained it (see configs/demo.yaml).
        Rft = new RftOptions { K = 8, Temperature = 0.7f, Union = true },
        // ReST-EM: k = 8 (not the paper's 32) and no top-k filter (the paper's 40 of a 384-token vocabulary
        // barely cuts anything at T = 0.7), so iteration 1's E-step is exactly RFT's draw and is reused; each
        // M-step takes as many steps as SFT (10 epochs of 1,500 at batch 16), since the kept set grows.
        RestEm = new RestEmOptions { Iterations = 3, K = 8, TopK = 0, Training = new SftOptions { MaxSteps = 940, BatchSize = 16, LearningRate = 3e-3, WarmupFraction = 0.05, CheckpointEvery = 200 } },
        // Re-ranking and multi-task (Liu et al. 2023): n = 8 samples of the first 500 test problems; the
        // generation stages (sequential's last, and mixed from the base model) take SFT's 940 steps, so
        // every strategy's generator gets the same training budget per stage.
        Rerank = new RerankOptions { N = 8, TestProblems = 500 },
        Multitask = new MultitaskOptions { Generation = new SftOptions { MaxSteps = 940, BatchSize = 16, LearningRate = 3e-3, WarmupFraction = 0.05, CheckpointEvery = 200 } },
        // The data-composition study (math, code, general) over the same seeds, with DmtOptions' defaults:
        // this experiment's template, vocabulary, model A and SFT settings, but 8 epochs per stage and 80 new tokens.
        Dmt = new DmtOptions { Enabled = true },
        Eval = new EvalOptions { Greedy = true }.WithK(4).WithDecoding(d => d with { Temperature = 0.7f }),
        SampleBatch = 64,
        MaxNewTokens = 100,
    };

    /// <summary>A smoke test of every stage in about two minutes (1 seed, 600 train / 300 test problems, k = 4).</summary>
    public static ExperimentOptions Quick(IReadOnlyList<int>? seeds = null)
    {
        var demo = Demo(seeds ?? [1]);
        return demo with
        {
            Name = "demo-quick",
            Data = demo.Data with { SynthTrain = 600, SynthTest = 300 },
            Sft = demo.Sft with { Epochs = 8 },
            Rft = demo.Rft with { K = 4 },
            RestEm = demo.RestEm with { K = 4, Training = demo.RestEm.Training! with { MaxSteps = 300 } },
            Multitask = demo.Multitask with { Generation = demo.Multitask.Generation! with { MaxSteps = 300 } },
            Eval = demo.Eval.WithK(2),
        };
    }
}
