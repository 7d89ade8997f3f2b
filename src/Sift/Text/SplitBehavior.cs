namespace Sift.Text;

/// <summary>Hugging Face's <c>SplitDelimiterBehavior</c>: what a <c>Split</c> does with the delimiters it finds.</summary>
internal enum SplitBehavior
{
    /// <summary>Dropped.</summary>
    Removed,

    /// <summary>Pieces of their own.</summary>
    Isolated,

    /// <summary>Appended to the piece before them.</summary>
    MergedWithPrevious,

    /// <summary>Prepended to the piece after them.</summary>
    MergedWithNext,

    /// <summary>Consecutive delimiters form one piece.</summary>
    Contiguous,
}
