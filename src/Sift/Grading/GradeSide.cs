namespace Sift.Grading;

/// <summary>Which side of a comparison could not be extracted or parsed.</summary>
public enum GradeSide
{
    None,
    Gold,
    Pred,
    Both,
}
