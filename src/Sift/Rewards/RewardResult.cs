namespace Sift.Rewards;

/// <summary>The outcome of a binary reward: whether the sample is rewarded, and why (a short reason code).</summary>
/// <param name="Rewarded">r = 1.</param>
/// <param name="Reason">Why, e.g. <c>equivalent</c>, <c>not_equivalent</c>, <c>unparseable</c>, <c>bad_annotation</c>.</param>
public readonly record struct RewardResult(bool Rewarded, string Reason)
{
    /// <summary>The reward as a number (1 or 0), for means such as the validation reward.</summary>
    public double Value => Rewarded ? 1 : 0;

    public static RewardResult Accept(string reason) => new(true, reason);

    public static RewardResult Reject(string reason) => new(false, reason);
}
