namespace Sift.Eval;

/// <summary>One seed's test score of a method: greedy accuracy and maj1@K (null when not sampled).</summary>
public sealed record SeedScore(int Seed, double Greedy, double? MajK);
