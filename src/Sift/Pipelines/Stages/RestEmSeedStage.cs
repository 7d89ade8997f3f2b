using Sift.Methods.RestEm;

namespace Sift.Pipelines.Stages;

/// <summary>ReST-EM from SFT model A (<see cref="RestEmStage"/>).</summary>
public sealed class RestEmSeedStage : IExperimentStage
{
    public string Name => "restem";

    public bool IsEnabled(ExperimentOptions options) => options?.RestEm.Enabled ?? false;

    public string? Blocker(SeedState state) => null;

    public void Run(SeedState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var s = state;
        var ct = cancellationToken;
        s.RestEm = RestEmStage.Run(s.Options.RestEm, s.Options.Rft, s.Shared, s.Inputs, s.Reporter, ct);
    }
}
