namespace Sift.Methods.Evaluator;

/// <summary>The evaluator's training objective (Liu et al. 2023, §3.2).</summary>
public enum EvaluatorObjective
{
    /// <summary>Cross-entropy on the label token, renormalised over {correct, incorrect} (<see cref="EvaluatorLoss.LabelCrossEntropy"/>).</summary>
    LabelCrossEntropy,

    /// <summary>The pairwise margin loss max(0, log S(X⁻) − log S(X⁺) + λ) (<see cref="EvaluatorLoss.MarginLoss"/>).</summary>
    Margin,

    /// <summary>The sum of both.</summary>
    Both,
}
