using Sift.Data;
using Sift.Grading;
using Sift.Inference;

namespace Sift.Rewards;

/// <summary>
/// The math reward of ReST-EM: 1 when the final answer extracted from the sample is equivalent to the
/// problem's gold answer under <see cref="MathGrader"/>, optionally also requiring every
/// <c>&lt;&lt;a=b&gt;&gt;</c> calculator annotation to be arithmetically right (the RFT filter's second
/// condition, Yuan et al. 2023). Grading goes through <see cref="MathGrader.GradeSolution"/>, as
/// evaluation's does, so this reward and evaluation never disagree on a verdict.
/// </summary>
public sealed class MathAnswerReward(MathGrader? grader = null, bool requireCorrectAnnotations = false) : IReward
{
    private readonly MathGrader _grader = grader ?? new MathGrader();

    /// <summary>Also reject samples with a wrong calculator annotation.</summary>
    public bool RequireCorrectAnnotations { get; } = requireCorrectAnnotations;

    public string Name => RequireCorrectAnnotations ? "math_answer+annotations" : "math_answer";

    public RewardResult Score(MathProblem problem, string sampleText)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var graded = _grader.GradeSolution(problem.Answer, sampleText ?? "");
        if (!graded.Correct) return RewardResult.Reject(graded.Verdict);
        if (RequireCorrectAnnotations && !graded.AnnotationsOk) return RewardResult.Reject("bad_annotation");
        return RewardResult.Accept(graded.Verdict);
    }
}
