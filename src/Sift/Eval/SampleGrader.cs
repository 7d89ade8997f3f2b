using Sift.Grading;
using Sift.Inference;

namespace Sift.Eval;

/// <summary>
/// Grades sampled completions with Sift.Grading: the extracted answer against the gold answer, and
/// every calculator annotation. Pure and thread-safe; problems are graded in parallel with results in
/// input order.
/// </summary>
public sealed class SampleGrader(MathGrader? grader = null)
{
    public MathGrader Grader { get; } = grader ?? new MathGrader();

    /// <summary>Answer equivalence for majority voting (two extracted answers).</summary>
    public bool Equivalent(string a, string b) => Grader.CompareAnswers(a, b).IsEquivalent;

    public GradedSample GradeOne(string gold, Completion completion)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var g = Grader.GradeSolution(gold, completion.Text);
        return new GradedSample(completion.Text, g.Answer, g.Verdict, g.Correct, g.AnnotationsOk, completion.Tokens);
    }

    public GradedProblem Grade(ProblemSamples samples) => new(
        samples.Problem.Id,
        samples.Problem.Question,
        samples.Problem.Answer,
        samples.Prompt,
        samples.Completions.Select(c => GradeOne(samples.Problem.Answer, c)).ToArray());

    public IReadOnlyList<GradedProblem> GradeAll(IReadOnlyList<ProblemSamples> samples)
    {
        var result = new GradedProblem[samples.Count];
        Parallel.For(0, samples.Count, i => result[i] = Grade(samples[i]));
        return result;
    }
}
