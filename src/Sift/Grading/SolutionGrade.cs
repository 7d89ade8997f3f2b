namespace Sift.Grading;

/// <summary>The verdict on one solution text against a gold answer: what evaluation and the math reward both decide by.</summary>
/// <param name="Answer">The extracted final answer (null when none).</param>
/// <param name="Verdict">equivalent, not_equivalent, unparseable or timeout.</param>
/// <param name="AnnotationsOk">Every <c>&lt;&lt;a=b&gt;&gt;</c> calculator annotation is arithmetically right.</param>
public sealed record SolutionGrade(string? Answer, string Verdict, bool AnnotationsOk)
{
    /// <summary>The verdict is equivalent.</summary>
    public bool Correct => Verdict == "equivalent";
}
