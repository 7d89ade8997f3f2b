namespace Sift.Eval.Selection;

/// <summary>
/// Scores a candidate solution of a problem: S in [0, 1], the evaluator's belief that it is correct
/// (Liu et al. 2023: S = p(correct) / (p(correct) + p(incorrect))). See <see cref="EvaluatorPromptScorer"/>
/// for the model-backed one.
/// </summary>
public interface IScorer
{
    double Score(string problem, string solution);
}
