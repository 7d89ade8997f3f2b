using Sift.Training.Sft;
using Sift.Model;

namespace Sift.Methods.Dmt;

/// <summary>One strategy to run, with its epochs per stage (null: <see cref="DmtOptions.Sft"/>'s epochs for every stage).</summary>
public sealed record StrategyPlan(MixtureStrategy Strategy, IReadOnlyList<double>? StageEpochs = null);

/// <summary>
/// Settings of a data-composition experiment (`sift mix`, configs/mix/dmt.yaml; the defaults are the settings measured in docs/dmt.md): the sources and their
/// amounts, the strategies with per-stage epochs, DMT's k, the model, the SFT settings and the seeds.
/// </summary>
public sealed record DmtOptions
{
    public string Name { get; init; } = "dmt";

    /// <summary>Training seeds (model init and data order); the results are means over them.</summary>
    public IReadOnlyList<int> Seeds { get; init; } = [1, 2, 3];

    /// <summary>Seed of the generated problems (the same for every training seed).</summary>
    public int DataSeed { get; init; } = 11;

    /// <summary>The sources, in order: the sequential strategy trains the specialised ones in this order.</summary>
    /// <remarks>
    /// Math keeps 1,500 problems (a tiny model needs ~750 steps of it to learn it at all, docs/dmt.md);
    /// code and general are smaller so the whole study fits the demo's time budget.
    /// </remarks>
    public IReadOnlyList<MixtureSource> Sources { get; init; } =
        [new("math") { Train = 1500, Test = 150 }, new("code") { Train = 800, Test = 100 }, new("general") { Train = 1000, Test = 150 }];

    /// <summary>The name of the general source (trained last); every other source is specialised.</summary>
    public string GeneralSource { get; init; } = "general";

    /// <summary>The strategies (default: all four; null epochs: <see cref="Sft"/>'s epochs for every stage).</summary>
    public IReadOnlyList<StrategyPlan> Strategies { get; init; } = MixtureStrategies.All.Select(s => new StrategyPlan(s)).ToArray();

    /// <summary>DMT's fraction of each specialised source replayed in stage 2.</summary>
    public double K { get; init; } = MixturePlanner.DefaultK;

    public string Template { get; init; } = "plain";

    public int VocabSize { get; init; } = 384;

    public ModelShape Model { get; init; } = new() { Hidden = 64, Layers = 3, Heads = 4, KeyValueHeads = 4, Intermediate = 176, Context = 160 };

    /// <summary>SFT settings of every stage (epochs are the stage's; the seed is derived per training seed).</summary>
    public SftOptions Sft { get; init; } = new() { Epochs = 8, BatchSize = 16, LearningRate = 3e-3, CheckpointEvery = 200 };

    /// <summary>
    /// Epochs of the general stage that ends the staged strategies (sequential, mixed sequential, DMT)
    /// when a strategy gives no per-stage epochs (null: <see cref="SftOptions.Epochs"/>). The defaults
    /// (8 epochs, 4 for the general stage) are the settings measured in docs/dmt.md.
    /// </summary>
    public double? GeneralStageEpochs { get; init; } = 4;

    /// <summary>Most new tokens of a greedy response during evaluation.</summary>
    public int MaxNewTokens { get; init; } = 80;

    /// <summary>Sequences decoded together during evaluation.</summary>
    public int SampleBatch { get; init; } = 64;

    /// <summary>Epochs of every stage of <paramref name="plan"/> given <paramref name="specialisedSources"/>.</summary>
    public IReadOnlyList<double> EpochsOf(StrategyPlan plan, int specialisedSources)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int n = MixturePlanner.StageCount(plan.Strategy, specialisedSources);
        if (plan.StageEpochs is not null) return plan.StageEpochs;
        var epochs = Enumerable.Repeat(Sft.Epochs, n).ToArray();
        if (plan.Strategy != MixtureStrategy.MultiTask) epochs[^1] = GeneralStageEpochs ?? Sft.Epochs;
        return epochs;
    }
}
