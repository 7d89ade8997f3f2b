using Sift.Methods.Evaluator;

namespace Sift.Pipelines.Stages;

/// <summary>The evaluator and re-ranking of n test samples (<see cref="RerankStage"/>); it learns from RFT's samples of model A.</summary>
public sealed class RerankSeedStage : IExperimentStage
{
    public string Name => "rerank";

    public bool IsEnabled(ExperimentOptions options) => options?.Rerank.Enabled ?? false;

    public string? Blocker(SeedState state) =>
        state?.TrainSamplesA is null ? "it trains the evaluator on RFT's samples of model A (set rft.enabled)" : null;

    public void Run(SeedState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = state;
        var ct = cancellationToken;
        s.Rerank = RerankStage.Run(s.Options.Rerank, s.Shared, s.Inputs, s.Reporter, ct);
    }
}
