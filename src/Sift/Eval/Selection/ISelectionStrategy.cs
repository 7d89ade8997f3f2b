namespace Sift.Eval.Selection;

/// <summary>Picks one answer from a problem's n samples (Liu et al. 2023, "Improving LLM fine-tuning for solving math problems", §3).</summary>
public interface ISelectionStrategy
{
    /// <summary>The key used in tables and in `sift rerank --json` ("majority", "best_of_n", ...).</summary>
    string Name { get; }

    /// <summary>Whether the strategy reads <see cref="ScoredSample.Score"/> (it then needs every sample scored).</summary>
    bool NeedsScores { get; }

    /// <summary>
    /// Whether scores are added up as weights (weighted vote), which needs them non-negative;
    /// <see cref="RerankSweep"/> then gives the strategy scores mapped by a <see cref="ScoreTransform"/>.
    /// Ranking strategies (false) read the raw score.
    /// </summary>
    bool WeighsScores => false;

    SelectionResult Select(ProblemSamples samples);
}
