namespace Sift.Grading;

/// <summary>The outcome of comparing a predicted answer with a gold answer.</summary>
public enum Verdict
{
    Equivalent,
    NotEquivalent,
    Unparseable,
    TimedOut,
}
