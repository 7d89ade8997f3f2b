using System.Text.Json.Nodes;
using Sift.Methods.Dmt;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// The DMT strategy at one mixture k (Dong et al. 2023, §4: how much specialised data stage 2 replays):
/// the data-composition study's abilities (<see cref="DmtOptions"/>'s sources: math, code, general)
/// with the point's model shape and seed, DMT only. Stage 1 (math + code) does not depend on k, so
/// every point shares it through the study's stage cache in RUN/shared/dmt. The sweep's accuracy is
/// the math score; every ability's score is in the point's details. No loss is reported (NaN → null):
/// a DMT run is several trainings.
/// </summary>
/// <param name="template">The study's settings but k, seeds, strategies and model (default: <see cref="DmtOptions"/>'s).</param>
public sealed class DmtSweepTrial(DmtOptions? template = null) : ISweepTrial
{
    public string Kind => "dmt";

    public DmtOptions Template { get; } = template ?? new DmtOptions();

    public SweepTrialOutcome Run(SweepTrialContext context, CancellationToken cancellationToken)
    {
        var k = context.Point.MixK ?? throw new InvalidOperationException($"{context.Point.Name}: a dmt trial needs a mix_k");
        var options = Template with
        {
            Seeds = [context.Point.Seed],
            K = k,
            Strategies = [new StrategyPlan(MixtureStrategy.Dmt)],
            Model = context.Experiment.Model,
        };
        var abilities = AbilityRegistry.Default().CreateAll(options);
        var results = DmtExperiment.Run(options, abilities, context.Shared.Child("dmt"), context.Reporter, cancellationToken);
        var scores = results.ToJson()["strategies"]?["dmt"] as JsonObject
            ?? throw new InvalidOperationException($"{context.Point.Name}: the DMT run reported no dmt strategy");
        var details = new JsonObject();
        foreach (var ability in abilities) details[ability.Name] = scores[ability.Name]?.DeepClone();
        double math = details["math"]?.GetValue<double>() ?? double.NaN;
        return new SweepTrialOutcome(math, double.NaN, double.NaN, details);
    }
}
