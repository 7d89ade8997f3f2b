namespace Sift.Pipelines.Sweeps;

/// <summary>How much training a trial on a fraction of the data gets.</summary>
public enum SweepBudget
{
    /// <summary>The experiment's epochs whatever the amount (as in the RFT paper's data-amount study): less data, fewer steps.</summary>
    Epochs,

    /// <summary>The optimizer steps the full training set would take: less data, more epochs (isolates data amount from compute).</summary>
    Steps,
}
