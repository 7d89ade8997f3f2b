namespace Sift.Methods.Evaluator;

/// <summary>The margin loss of one (X⁺, X⁻) pair and its gradient w.r.t. the four label logits.</summary>
public readonly record struct EvaluatorLossPairGradient(
    double Loss,
    double GradPositiveCorrect,
    double GradPositiveIncorrect,
    double GradNegativeCorrect,
    double GradNegativeIncorrect);
