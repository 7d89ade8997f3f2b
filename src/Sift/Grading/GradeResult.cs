namespace Sift.Grading;

/// <summary>
/// The result of one grading call. <see cref="GoldAnswer"/> and <see cref="PredAnswer"/> are the
/// extracted answer strings (null when nothing could be extracted); <see cref="Reason"/> is a short
/// human-readable explanation (e.g. "string-equal", "exact-rational", "numeric-tolerance").
/// </summary>
public sealed record GradeResult(Verdict Verdict, GradeSide UnparseableSide, string? GoldAnswer, string? PredAnswer, string Reason)
{
    public bool IsEquivalent => Verdict == Verdict.Equivalent;

    /// <summary>The lower-case verdict string used by `sift grade` output.</summary>
    public string VerdictText => Verdict switch
    {
        Verdict.Equivalent => "equivalent",
        Verdict.NotEquivalent => "not_equivalent",
        Verdict.Unparseable => "unparseable",
        _ => "timeout",
    };
}
