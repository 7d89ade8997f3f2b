using System.Text.Json.Nodes;
using Sift.Eval.Selection;
using Sift.Methods.Evaluator;

namespace Sift.Methods.Multitask;

/// <summary>One strategy's final generator and evaluator, measured.</summary>
/// <param name="Name">solution_ft, sequential or mixed.</param>
/// <param name="GreedyAccuracy">Test greedy accuracy of the generator.</param>
/// <param name="GeneratorDir">The generator's model directory.</param>
/// <param name="EvaluatorDir">The evaluator's model directory (the same model for sequential and mixed).</param>
/// <param name="Evaluator">The evaluator's accuracy/AUC on the generator's test samples (null without re-ranking samples).</param>
/// <param name="Rerank">Accuracy of every selection strategy against k (null without re-ranking samples).</param>
public sealed record MultitaskStrategyResult(string Name, double GreedyAccuracy, string GeneratorDir, string EvaluatorDir, EvaluatorReport? Evaluator, RerankReport? Rerank)
{
    public JsonObject ToJson() => new()
    {
        ["greedy"] = Math.Round(GreedyAccuracy, 6),
        ["generator"] = GeneratorDir,
        ["evaluator"] = EvaluatorDir,
        ["evaluator_report"] = Evaluator?.ToJson(),
        ["rerank"] = Rerank?.ToJsonObject(includeKs: true),
    };
}
