namespace Sift.Pipelines.Stages;

/// <summary>One stage of an experiment's per-seed pipeline; each is skippable on its own and resumes from its outputs in the run directory.</summary>
public interface IExperimentStage
{
    /// <summary>The stage's name ("sft", "rft", "restem", "rerank", "multitask").</summary>
    string Name { get; }

    /// <summary>Whether the options ask for it.</summary>
    bool IsEnabled(ExperimentOptions options);

    /// <summary>Why it cannot run for this seed (null: it can): e.g. a stage that needs RFT's samples when RFT is off.</summary>
    string? Blocker(SeedState state);

    /// <summary>Runs the stage for one seed, storing its typed result in <paramref name="state"/>.</summary>
    void Run(SeedState state, CancellationToken cancellationToken);
}
