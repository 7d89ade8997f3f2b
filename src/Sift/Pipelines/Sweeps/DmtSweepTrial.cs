using System.Text.Json.Nodes;
using Sift.Methods.Dmt;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// The DMT strategy at one mixture k (Dong et al. 2023, §4: how much specialised data stage 2 replays):
/// the base experiment's data-composition study (its <c>dmt</c> section: the sources math, code, general
/// by default; its shared template, vocabulary, SFT settings and decoding) with the point's model shape
/// and seed, DMT only. Stage 1 (math + code) does not depend on k, so
/// every point shares it through the study's stage cache in RUN/shared/dmt. The sweep's accuracy is
/// the math score; every ability's score is in the point's details. No loss is reported (NaN → null):
/// a DMT run is several trainings.
/// </summary>
/// <param name="template">The study's options but k and strategies (null: the base experiment's <see cref="ExperimentOptions.Dmt"/>).</param>
public sealed class DmtSweepTrial(DmtOptions? template = null) : ISweepTrial
{
    public string Kind => "dmt";

    /// <summary>The study's options replacing the experiment's (null: the experiment's).</summary>
    public DmtOptions? Template { get; } = template;

    public SweepTrialOutcome Run(SweepTrialContext context, CancellationToken cancellationToken)
    {
        var k = context.Point.MixK ?? throw new InvalidOperationException($"{context.Point.Name}: a dmt trial needs a mix_k");
        var experiment = context.Experiment;
        var dmt = (Template ?? experiment.Dmt) with { K = k, Strategies = [new StrategyPlan(MixtureStrategy.Dmt)] };
        var settings = (experiment with { Seeds = [context.Point.Seed], Dmt = dmt }).DmtSettings();
        var abilities = AbilityRegistry.Default().CreateAll(dmt);
        var results = DmtExperiment.Run(settings, abilities, context.Shared.Child("dmt"), context.Reporter, cancellationToken);
        var scores = results.ToJson()["strategies"]?["dmt"] as JsonObject
            ?? throw new InvalidOperationException($"{context.Point.Name}: the DMT run reported no dmt strategy");
        var details = new JsonObject();
        foreach (var ability in abilities) details[ability.Name] = scores[ability.Name]?.DeepClone();
        double math = details["math"]?.GetValue<double>() ?? double.NaN;
        return new SweepTrialOutcome(math, double.NaN, double.NaN, details);
    }
}
