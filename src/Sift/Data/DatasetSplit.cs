namespace Sift.Data;

/// <summary>Two disjoint parts of a dataset.</summary>
public sealed record DatasetSplit(IReadOnlyList<MathProblem> Train, IReadOnlyList<MathProblem> Test);
