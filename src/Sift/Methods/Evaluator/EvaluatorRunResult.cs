using System.Text.Json.Nodes;

namespace Sift.Methods.Evaluator;

/// <summary>The outcome of <see cref="EvaluatorRun.Execute"/>: where the evaluator is and how well it judges held-out samples.</summary>
/// <param name="ModelDir">The trained evaluator (a saved model directory).</param>
/// <param name="Data">The training set's statistics (<see cref="EvaluatorDataset.StatisticsJson"/>).</param>
/// <param name="Steps">Optimizer steps.</param>
/// <param name="TrainSeconds">Wall time of training (0 when an earlier run had finished it).</param>
/// <param name="HeldOut">Accuracy/AUC on the held-out problems' samples (null when none were held out).</param>
public sealed record EvaluatorRunResult(string ModelDir, JsonObject Data, long Steps, double TrainSeconds, EvaluatorReport? HeldOut)
{
    public JsonObject ToJson() => new()
    {
        ["model"] = ModelDir,
        ["data"] = Data.DeepClone(),
        ["steps"] = Steps,
        ["train_seconds"] = Math.Round(TrainSeconds, 2),
        ["held_out"] = HeldOut?.ToJson(),
    };
}
