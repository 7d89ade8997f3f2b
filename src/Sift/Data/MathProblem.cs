namespace Sift.Data;

/// <summary>
/// One math problem as every method sees it: the question, a reference solution (GSM8K keeps its
/// <c>&lt;&lt;a*b=c&gt;&gt;</c> calculator annotations and the <c>#### N</c> line), the gold final answer as a
/// string (graded later by Sift.Grading), and where it came from.
/// </summary>
/// <param name="Id">Unique within its dataset (the row's id field, or <c>file:line</c>).</param>
/// <param name="Question">Problem text given to the model.</param>
/// <param name="Solution">Reference solution text (the SFT target); may be empty for answer-only sets.</param>
/// <param name="Answer">Gold final answer, e.g. <c>"18"</c> or <c>"\frac{1}{2}"</c>.</param>
/// <param name="Source">Dataset or generator name, e.g. <c>"gsm8k"</c> or <c>"synth"</c>.</param>
public sealed record MathProblem(string Id, string Question, string Solution, string Answer, string Source);
