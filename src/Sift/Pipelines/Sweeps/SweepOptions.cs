using Sift.Pipelines;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// A scaling sweep (`sift sweep config.yaml`): a base experiment and the axes whose cartesian
/// product is the grid of trials. Every axis has one value unless the config lists more.
/// </summary>
public sealed record SweepOptions
{
    public string Name { get; init; } = "sweep";

    /// <summary>The trial kind run at every grid point ("sft", "rft", or one registered later such as "dmt").</summary>
    public string Trial { get; init; } = "sft";

    /// <summary>Data, tokenizer, model, training and evaluation settings every trial starts from.</summary>
    public ExperimentOptions Experiment { get; init; } = ExperimentPresets.Demo([1]);

    /// <summary>Training budget of a trial on a fraction of the data.</summary>
    public SweepBudget Budget { get; init; } = SweepBudget.Epochs;

    /// <summary>Fractions of the training set (nested prefixes of it).</summary>
    public IReadOnlyList<SweepFraction> Fractions { get; init; } = [new(1, "1")];

    /// <summary>Model sizes.</summary>
    public IReadOnlyList<SweepModel> Models { get; init; } = [];

    /// <summary>RFT samples per problem (rft trials; null otherwise).</summary>
    public IReadOnlyList<int>? RftKs { get; init; }

    /// <summary>Mixture k: the fraction of each specialised source kept in DMT's stage 2 (dmt trials; null otherwise).</summary>
    public IReadOnlyList<double>? MixKs { get; init; }

    /// <summary>Seeds (the experiment's seeds unless the sweep lists its own); points are averaged over them.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1];

    /// <summary>Validation problems (a split of the training distribution, never test problems) for the held-out loss.</summary>
    public int HeldOut { get; init; } = 256;

    /// <summary>The model axis, defaulting to the experiment's own model.</summary>
    public IReadOnlyList<SweepModel> ModelsOrBase => Models.Count > 0 ? Models : [new SweepModel("base", Experiment.Model)];
}
