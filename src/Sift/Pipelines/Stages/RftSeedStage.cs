using Sift.Methods.Rft;

namespace Sift.Pipelines.Stages;

/// <summary>RFT and RFT-U from the base model (<see cref="RftStage"/>).</summary>
public sealed class RftSeedStage : IExperimentStage
{
    public string Name => "rft";

    public bool IsEnabled(ExperimentOptions options) => options?.Rft.Enabled ?? false;

    public string? Blocker(SeedState state) => null;

    public void Run(SeedState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = state;
        var ct = cancellationToken;
        s.Rft = RftStage.Run(s.Options.Rft, s.Shared, s.Seed, s.Run, s.Tokenizer, s.ConfigA, s.ConfigB, s.Train, s.Test, s.SftPairs, s.HeldOut, s.TrainSamplesA!, s.Reporter, ct);
    }
}
