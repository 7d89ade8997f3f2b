namespace Sift.Methods.Evaluator;

/// <summary>One evaluator training or test example: a graded sample as evaluator input tokens and its label.</summary>
/// <param name="ProblemId">The problem the solution answers.</param>
/// <param name="Input">Evaluator input tokens (<see cref="EvaluatorEncoding.Input"/>); the label logits are read at its last position.</param>
/// <param name="IsCorrect">The grader's verdict: the label is " correct" when true, " incorrect" otherwise.</param>
public sealed record EvaluatorExample(string ProblemId, int[] Input, bool IsCorrect);
