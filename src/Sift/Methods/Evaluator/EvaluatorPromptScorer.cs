using Sift.Methods.Evaluator;

using Sift.Eval.Selection;

namespace Sift.Methods.Evaluator;

/// <summary>
/// An <see cref="IScorer"/> over any model that can give the next-token logits of the label words:
/// it formats the evaluator prompt of Liu et al. 2023 and normalises the two logits with
/// <see cref="EvaluatorLoss.Score"/>. Plugging in a trained evaluator is one delegate: prompt →
/// (logit of the first token of " correct", logit of the first token of " incorrect").
/// </summary>
public sealed class EvaluatorPromptScorer : IScorer
{
    private readonly Func<string, (double LogitCorrect, double LogitIncorrect)> _labelLogits;

    public EvaluatorPromptScorer(Func<string, (double LogitCorrect, double LogitIncorrect)> labelLogits)
    {
        ArgumentNullException.ThrowIfNull(labelLogits);
        _labelLogits = labelLogits;
    }

    /// <summary>The evaluator's input; the label token (`correct` / `incorrect`) follows it.</summary>
    public static string Prompt(string problem, string solution)
        => $"Here is a math problem: {problem}. Here is a candidate solution: {solution}. The above candidate solution is";

    public double Score(string problem, string solution)
    {
        var (c, i) = _labelLogits(Prompt(problem, solution));
        return EvaluatorLoss.Score(c, i);
    }
}
