using Sift.Grading;

namespace Sift.Eval.Selection;

/// <summary>
/// The default equivalence: <see cref="MathGrader.CompareAnswers"/> with the cluster's representative
/// in the gold position. An answer is usable when the grader finds it equivalent to itself, which
/// fails exactly for answers that normalise to nothing (e.g. "$ $" or "\boxed{}").
/// </summary>
public sealed class GraderAnswerEquivalence : IAnswerEquivalence
{
    public GraderAnswerEquivalence(MathGrader? grader = null) { Grader = grader ?? new MathGrader(); }

    public MathGrader Grader { get; }

    public bool IsUsable(string answer) => !string.IsNullOrWhiteSpace(answer) && Grader.CompareAnswers(answer, answer).IsEquivalent;

    public bool AreEquivalent(string representative, string candidate) => Grader.CompareAnswers(representative, candidate).IsEquivalent;
}
