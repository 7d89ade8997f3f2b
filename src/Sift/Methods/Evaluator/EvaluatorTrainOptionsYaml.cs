using Sift.IO.Yaml;

namespace Sift.Methods.Evaluator;

/// <summary>The YAML fields of <see cref="EvaluatorTrainOptions"/> (experiment <c>rerank.evaluator</c>).</summary>
public static class EvaluatorTrainOptionsYaml
{
    public static YamlTable<EvaluatorTrainOptions> Table { get; } = new YamlTable<EvaluatorTrainOptions>()
        .Choice("objective", e => e.Objective, (e, v) => e with { Objective = v },
            ("label_ce", EvaluatorObjective.LabelCrossEntropy), ("margin", EvaluatorObjective.Margin), ("both", EvaluatorObjective.Both))
        .Double("margin", e => e.Margin, (e, v) => e with { Margin = v }, 0, 100)
        .Int("pairs_per_step", e => e.PairsPerStep, (e, v) => e with { PairsPerStep = v }, 1, 65536)
        .Double("epochs", e => e.Epochs, (e, v) => e with { Epochs = v }, 1e-6, 1e6)
        .Int("steps", e => e.MaxSteps, (e, v) => e with { MaxSteps = v }, 0, int.MaxValue)
        .Double("lr", e => e.LearningRate, (e, v) => e with { LearningRate = v }, 1e-9, 10)
        .Double("min_lr_ratio", e => e.MinLearningRateRatio, (e, v) => e with { MinLearningRateRatio = v }, 0, 1)
        .Double("warmup", e => e.WarmupFraction, (e, v) => e with { WarmupFraction = v }, 0, 0.999)
        .Double("weight_decay", e => e.WeightDecay, (e, v) => e with { WeightDecay = v }, 0, 10)
        .Float("max_grad_norm", e => e.MaxGradNorm, (e, v) => e with { MaxGradNorm = v }, 0, 1e6);
}
