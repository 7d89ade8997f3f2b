namespace Sift.Pipelines.Sweeps;

/// <summary>
/// What runs at one grid point: trains whatever the trial kind trains and evaluates it. The sweep
/// runner owns skipping finished trials and writing their results; a trial resumes its own
/// unfinished work from <see cref="SweepTrialContext.Directory"/> (training resumes from the SFT
/// trainer's checkpoints). Register new kinds (DMT) in <see cref="SweepTrials"/>.
/// </summary>
public interface ISweepTrial
{
    /// <summary>The config's <c>trial:</c> value ("sft", "rft", "dmt").</summary>
    string Kind { get; }

    /// <summary>Trains and evaluates the point; deterministic for the point's seed.</summary>
    SweepTrialOutcome Run(SweepTrialContext context, CancellationToken cancellationToken);
}
