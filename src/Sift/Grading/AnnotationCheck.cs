namespace Sift.Grading;

/// <summary>The outcome of checking every annotation of a solution.</summary>
public sealed record AnnotationCheck(IReadOnlyList<Annotation> Annotations, IReadOnlyList<int> WrongIndices, IReadOnlyList<int> UnparseableIndices)
{
    /// <summary>True when no annotation is wrong or unreadable.</summary>
    public bool AllCorrect => WrongIndices.Count == 0 && UnparseableIndices.Count == 0;

    public IEnumerable<Annotation> Wrong => WrongIndices.Select(i => Annotations[i]);
}
