using Sift.Data;
using Sift.Model;
using Sift.Training.Sft;

namespace Sift.Methods.Dmt;

/// <summary>One strategy to run, with its epochs per stage (null: <see cref="DmtOptions.Epochs"/> for every stage, <see cref="DmtOptions.GeneralStageEpochs"/> for the general one).</summary>
public sealed record StrategyPlan(MixtureStrategy Strategy, IReadOnlyList<double>? StageEpochs = null);

/// <summary>
/// The one options record of the data-composition study (Dong et al. 2023): only what is DMT's own — the
/// sources and their amounts, the strategies with per-stage epochs, DMT's k, and the two values where
/// the study differs from the experiment it is part of (epochs per stage, decoding limit). The template,
/// vocabulary, model shape, the other SFT settings, the sample batch, the seeds and the name are the
/// experiment's shared fields (<see cref="Resolve"/>), so `sift run` (the experiment's <c>dmt</c> section)
/// and `sift mix` (an experiment-shaped config that runs only this study) read the same record. The
/// defaults are the settings measured in docs/dmt.md.
/// </summary>
public sealed record DmtOptions
{
    /// <summary>Run the study after an experiment's per-seed methods, over the same seeds (opt-in: it trains its own models on other tasks; `sift mix` always runs it).</summary>
    public bool Enabled { get; init; }

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

    /// <summary>The strategies (default: all four; null epochs: <see cref="Epochs"/> and <see cref="GeneralStageEpochs"/>).</summary>
    public IReadOnlyList<StrategyPlan> Strategies { get; init; } = MixtureStrategies.All.Select(s => new StrategyPlan(s)).ToArray();

    /// <summary>DMT's fraction of each specialised source replayed in stage 2.</summary>
    public double K { get; init; } = MixturePlanner.DefaultK;

    /// <summary>
    /// Epochs of every stage a strategy gives no epochs for (null: the shared SFT settings' epochs). 8, not
    /// the demo's 10: the study's stages are measured at 8 (docs/dmt.md). Stages always train by epochs.
    /// </summary>
    public double? Epochs { get; init; } = 8;

    /// <summary>
    /// Epochs of the general stage that ends the staged strategies (sequential, mixed sequential, DMT)
    /// when a strategy gives no per-stage epochs (null: the stage epochs). The defaults (8 epochs, 4 for
    /// the general stage) are the settings measured in docs/dmt.md.
    /// </summary>
    public double? GeneralStageEpochs { get; init; } = 4;

    /// <summary>Most new tokens of a greedy response during evaluation (null: the shared decoding limit); 80, not the demo's 100: the answers of every ability are short.</summary>
    public int? MaxNewTokens { get; init; } = 80;

    /// <summary>How many sources are specialised (all but <see cref="GeneralSource"/>): the staged strategies have one stage per specialised source or one for all.</summary>
    public int SpecialisedSources => Sources.Count(s => s.Name != GeneralSource);

    /// <summary>
    /// The settings the study runs with: these options over the shared fields of the experiment (or `sift
    /// mix` config) it belongs to. The one place DMT's overrides apply.
    /// </summary>
    /// <param name="seeds">Training seeds (model init and data order); the results are means over them.</param>
    /// <param name="template">Prompt template of every stage and of scoring.</param>
    /// <param name="vocabSize">BPE vocabulary size of the study's tokenizer (trained on every source).</param>
    /// <param name="model">The shape of every strategy's model.</param>
    /// <param name="sft">The shared SFT settings (epochs replaced by <see cref="Epochs"/> when set).</param>
    /// <param name="maxNewTokens">The shared decoding limit (replaced by <see cref="MaxNewTokens"/> when set).</param>
    /// <param name="sampleBatch">Sequences decoded together during evaluation.</param>
    public DmtSettings Resolve(IReadOnlyList<int> seeds, PromptTemplate template, int vocabSize, ModelShape model, SftOptions sft, int maxNewTokens, int sampleBatch)
    {
        ArgumentNullException.ThrowIfNull(sft);
        return new DmtSettings
        {
            Dmt = this,
            Seeds = seeds,
            Template = template,
            VocabSize = vocabSize,
            Model = model,
            Sft = sft with { Epochs = Epochs ?? sft.Epochs },
            MaxNewTokens = MaxNewTokens ?? maxNewTokens,
            SampleBatch = sampleBatch,
        };
    }
}
