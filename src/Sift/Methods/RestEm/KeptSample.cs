namespace Sift.Methods.RestEm;

/// <summary>A rewarded sample kept for the M-step (one row of <c>iter-N/kept.jsonl</c>).</summary>
/// <param name="ProblemId">The training problem's id.</param>
/// <param name="Question">Its question (the M-step prompt).</param>
/// <param name="Gold">Its gold answer (for reading the file; the M-step does not use it).</param>
/// <param name="SampleIndex">The sample's index among the problem's k samples.</param>
/// <param name="Response">The sampled solution (the M-step target).</param>
public sealed record KeptSample(string ProblemId, string Question, string Gold, int SampleIndex, string Response);
