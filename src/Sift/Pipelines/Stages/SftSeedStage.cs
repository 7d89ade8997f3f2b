using Sift.Eval;
using Sift.Methods.Rft;
using Sift.Model.Sampling;
using Sift.Training.Sft;

namespace Sift.Pipelines.Stages;

/// <summary>SFT model A (the SFT row, the base of every later method) and, when RFT runs, its k samples of the training problems.</summary>
public sealed class SftSeedStage : IExperimentStage
{
    public string Name => "sft";

    public bool IsEnabled(ExperimentOptions options) => true;

    public string? Blocker(SeedState state) => null;

    public void Run(SeedState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = state;
        var ct = cancellationToken;
        var label = $"seed {s.Seed}: SFT model A";
        var (model, _) = SftJob.TrainReported(s.SftA, label, s.ConfigA, SeedDerivation.DeriveSeed(s.Seed, "init/a"), s.Tokenizer, s.Shared.Template, s.SftPairs, s.HeldOut,
            s.Shared.Sft with { Seed = SeedDerivation.DeriveSeed(s.Seed, "sft/a") }, s.Reporter, ct);
        using (model)
        {
            s.Sft = TestEvaluation.RunOrLoad(s.SftA, $"seed {s.Seed}: evaluate SFT", model, s.Tokenizer, s.Shared.Template, s.Test, s.Shared.Eval, s.Seed, s.Reporter, ct);
            if (s.Options.Rft.Enabled) s.TrainSamplesA = RftStage.SampleTrain(s.Options.Rft, s.Shared, s.Seed, s.Run, "sft-a", model, s.Tokenizer, s.Train, s.Reporter, ct);
        }
    }
}
