namespace Sift.Methods.Rft;

/// <summary>The distinct reasoning paths kept for one problem, in the order their keys first appeared.</summary>
public sealed record ProblemPaths(string ProblemId, IReadOnlyList<string> Paths);

/// <summary>
/// The result of <see cref="DistinctPathSelector"/>: per problem (in first-seen order) the kept paths,
/// plus how many correct samples were read and how many were dropped for a wrong calculator annotation.
/// </summary>
public sealed record DistinctPathSet(IReadOnlyList<ProblemPaths> Problems, int CorrectSamples, int RejectedByAnnotations)
{
    /// <summary>All kept paths.</summary>
    public int TotalPaths => Problems.Sum(p => p.Paths.Count);
}
