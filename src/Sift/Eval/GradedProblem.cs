namespace Sift.Eval;

/// <summary>One graded completion (a row of <c>samples/*.jsonl</c>'s "samples" array).</summary>
/// <param name="Text">The completion.</param>
/// <param name="Answer">Extracted final answer (null when none).</param>
/// <param name="Verdict">The grader's verdict: equivalent, not_equivalent, unparseable or timeout.</param>
/// <param name="Correct">Verdict is equivalent.</param>
/// <param name="AnnotationsOk">Every <c>&lt;&lt;a=b&gt;&gt;</c> annotation is arithmetically right (the RFT filter's second condition).</param>
/// <param name="Tokens">Tokens generated.</param>
public sealed record GradedSample(string Text, string? Answer, string Verdict, bool Correct, bool AnnotationsOk, int Tokens);

/// <summary>A problem with its graded completions (one row of a samples file).</summary>
/// <param name="Id">Problem id.</param>
/// <param name="Question">Problem text.</param>
/// <param name="Gold">Gold final answer.</param>
/// <param name="Prompt">The rendered prompt the model saw.</param>
/// <param name="Samples">Completions in sample-index order.</param>
public sealed record GradedProblem(string Id, string Question, string Gold, string Prompt, IReadOnlyList<GradedSample> Samples)
{
    public int CorrectCount => Samples.Count(s => s.Correct);
}
