namespace Sift.Methods.Evaluator;

/// <summary>A margin-loss pair: indices of a correct (X⁺) and an incorrect (X⁻) example of the same problem.</summary>
public readonly record struct EvaluatorPair(int Positive, int Negative);
