using Sift.Data;
using Sift.Model;
using Sift.Training.Sft;

namespace Sift.Methods.Dmt;

/// <summary>
/// What a data-composition study runs with (<see cref="DmtOptions.Resolve"/>): DMT's own options plus the
/// shared fields of the experiment it belongs to, with DMT's overrides applied. Not read from YAML
/// itself, so nothing here can drift from the options it is made of.
/// </summary>
public sealed record DmtSettings
{
    /// <summary>The study's own options (sources, strategies, k, data seed).</summary>
    public required DmtOptions Dmt { get; init; }

    /// <summary>Training seeds (model init and data order); the results are means over them.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    public required PromptTemplate Template { get; init; }

    /// <summary>BPE vocabulary size of the study's tokenizer (trained on every source's training texts).</summary>
    public required int VocabSize { get; init; }

    public required ModelShape Model { get; init; }

    /// <summary>SFT settings of every stage (a stage sets its own epochs; the steps are 0 and the seed is derived per training seed).</summary>
    public required SftOptions Sft { get; init; }

    /// <summary>Most new tokens of a greedy response during evaluation.</summary>
    public required int MaxNewTokens { get; init; }

    /// <summary>Sequences decoded together during evaluation.</summary>
    public required int SampleBatch { get; init; }

    /// <summary>Epochs of every stage of <paramref name="plan"/>: its own, else <see cref="Sft"/>'s with the general stage at <see cref="DmtOptions.GeneralStageEpochs"/>.</summary>
    public IReadOnlyList<double> EpochsOf(StrategyPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        int n = MixturePlanner.StageCount(plan.Strategy, Dmt.SpecialisedSources);
        if (plan.StageEpochs is not null) return plan.StageEpochs;
        var epochs = Enumerable.Repeat(Sft.Epochs, n).ToArray();
        if (plan.Strategy != MixtureStrategy.MultiTask) epochs[^1] = Dmt.GeneralStageEpochs ?? Sft.Epochs;
        return epochs;
    }
}
