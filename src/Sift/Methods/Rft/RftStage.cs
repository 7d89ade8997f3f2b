using Sift.Data;
using Sift.Eval;
using Sift.Inference;
using Sift.IO;
using Sift.Model;
using Sift.Model.Sampling;
using Sift.Runs;
using Sift.Text;
using Sift.Training;
using Sift.Training.Sft;

namespace Sift.Methods.Rft;

/// <summary>
/// RFT inside an experiment (Yuan et al. 2023, §3–4), for one seed: SFT model A's samples of the
/// training problems (drawn by the SFT stage), SFT model B trained and sampled the same way (for RFT-U,
/// §4.3), the RFT set from A and the RFT-U set from A ∪ B, each fine-tuned from the BASE model (A's
/// initial weights) and evaluated on the test set. Every step is skipped when its output exists.
/// </summary>
public static class RftStage
{
    /// <summary>The file name of a model's samples of the training problems (<c>samples/NAME-train-kK.jsonl</c>).</summary>
    public static string TrainSamplesFile(string model, int k) => $"{model}-train-k{k}.jsonl";

    /// <summary>A model's k samples of every training problem, graded (read back when already drawn).</summary>
    public static GradedProblem[] SampleTrain(RftOptions rft, SharedSettings shared, int seed, RunDirectory seedRun, string name, TransformerModel model, BpeTokenizer tokenizer,
        IReadOnlyList<MathProblem> train, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rft);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(seedRun);
        var settings = SamplingSettings.Sampled(rft.K, rft.Temperature, shared.MaxNewTokens, shared.SampleBatch, SeedDerivation.DeriveSeed(seed, "rft-samples/" + name[^1..]));
        var label = $"{Path.GetFileName(seedRun.Root)}: sample k={rft.K} per training problem from {name}";
        return GradedSampling.LoadOrSample(seedRun.SamplesFile(TrainSamplesFile(name, rft.K)), label, model, tokenizer, shared.Template, train, settings, reporter, ct);
    }

    /// <param name="samplesA">Model A's samples of the training problems (<see cref="SampleTrain"/>).</param>
    /// <param name="configA">Model A's config: the base model every RFT model is fine-tuned from.</param>
    /// <param name="configB">Model B's config (RFT-U's second model).</param>
    /// <param name="heldOut">Validation pairs for the held-out loss.</param>
    public static RftStageResult Run(RftOptions rft, SharedSettings shared, int seed, RunDirectory seedRun, BpeTokenizer tokenizer, ModelConfig configA, ModelConfig configB,
        IReadOnlyList<MathProblem> train, IReadOnlyList<MathProblem> test, IReadOnlyList<(string, string)> sftPairs, IReadOnlyList<(string, string)> heldOut,
        GradedProblem[] samplesA, IProgressReporter reporter, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rft);
        ArgumentNullException.ThrowIfNull(shared);
        ArgumentNullException.ThrowIfNull(seedRun);
        ArgumentNullException.ThrowIfNull(reporter);
        ulong initA = SeedDerivation.DeriveSeed(seed, "init/a");
        ulong initB = SeedDerivation.DeriveSeed(seed, "init/b");
        GradedProblem[]? samplesB = null;
        if (rft.Union)
        {
            var sftB = seedRun.Child("sft-b");
            var (model, _) = SftJob.TrainReported(sftB, $"seed {seed}: SFT model B", configB, initB, tokenizer, shared.Template, sftPairs, heldOut,
                shared.Sft with { Seed = SeedDerivation.DeriveSeed(seed, "sft/b") }, reporter, ct);
            using (model)
            {
                samplesB = SampleTrain(rft, shared, seed, seedRun, "sft-b", model, tokenizer, train, reporter, ct);
            }
        }

        var training = rft.Training ?? shared.Sft;
        var dataA = RftDatasetBuilder.Build(train, [samplesA], rft);
        reporter.Info($"seed {seed}: RFT set: {dataA.Summary()}");
        var rftScore = TrainAndEvaluate(seedRun.Child("rft"), $"seed {seed}: RFT k={rft.K}", dataA, configA, initA, heldOut,
            training with { Seed = SeedDerivation.DeriveSeed(seed, "rft/a") }, tokenizer, shared, test, seed, reporter, ct);
        SeedScore? unionScore = null;
        RftDataset? dataU = null;
        if (samplesB is not null)
        {
            dataU = RftDatasetBuilder.Build(train, [samplesA, samplesB], rft);
            reporter.Info($"seed {seed}: RFT-U set: {dataU.Summary()}");
            unionScore = TrainAndEvaluate(seedRun.Child("rft-union"), $"seed {seed}: RFT-union k={rft.K}", dataU, configA, initA, heldOut,
                training with { Seed = SeedDerivation.DeriveSeed(seed, "rft/union") }, tokenizer, shared, test, seed, reporter, ct);
        }
        return new RftStageResult(rftScore, unionScore, dataA.Growth, dataU?.Growth);
    }

    private static SeedScore TrainAndEvaluate(RunDirectory dir, string label, RftDataset data, ModelConfig config, ulong initSeed, IReadOnlyList<(string, string)> heldOut,
        SftOptions training, BpeTokenizer tokenizer, SharedSettings shared, IReadOnlyList<MathProblem> test, int seed, IProgressReporter reporter, CancellationToken ct)
    {
        AtomicFile.WriteJson(Path.Combine(dir.Root, "rft_stats.json"), data.StatisticsJson());
        // Fine-tune the BASE model (the same initial weights as SFT model A), not the SFT model.
        var (model, _) = SftJob.TrainReported(dir, label, config, initSeed, tokenizer, shared.Template, data.Pairs, heldOut, training, reporter, ct);
        using (model)
        {
            return TestEvaluation.RunOrLoad(dir, label.Replace("RFT", "evaluate RFT", StringComparison.Ordinal), model, tokenizer, shared.Template, test,
                shared.Eval, seed, reporter, ct);
        }
    }
}
