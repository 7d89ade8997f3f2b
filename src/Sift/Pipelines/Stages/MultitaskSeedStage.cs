using Sift.Methods.Multitask;

namespace Sift.Pipelines.Stages;

/// <summary>Multi-task sequential fine-tuning against solution FT (<see cref="MultitaskStage"/>); its evaluation stage learns from RFT's samples of model A.</summary>
public sealed class MultitaskSeedStage : IExperimentStage
{
    public string Name => "multitask";

    public bool IsEnabled(ExperimentOptions options) => options?.Multitask.Enabled ?? false;

    public string? Blocker(SeedState state) =>
        state?.TrainSamplesA is null ? "its evaluation stage trains on RFT's samples of model A (set rft.enabled)" : null;

    public void Run(SeedState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = state;
        var ct = cancellationToken;
        s.Multitask = MultitaskStage.Run(s.Options.Multitask, s.Options.Rerank, s.Shared, s.Inputs, s.Reporter, ct);
    }
}
