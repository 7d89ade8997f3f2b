using System.Text.Json.Nodes;

namespace Sift.Pipelines.Sweeps;

/// <summary>What a trial measured.</summary>
/// <param name="Accuracy">Greedy accuracy on the test set (a fraction).</param>
/// <param name="FinalLoss">Mean training loss of the last logged window of the trial's (last) training run.</param>
/// <param name="HeldOutLoss">Loss on the held-out problems at the end of training.</param>
/// <param name="Details">Kind-specific extras (RFT: the SFT model's accuracy, RFT pairs, …); may be null.</param>
public sealed record SweepTrialOutcome(double Accuracy, double FinalLoss, double HeldOutLoss, JsonObject? Details = null);
