namespace Sift.Methods.Dmt;

/// <summary>What an ability factory is asked for: a data seed and the sizes of the training and held-out sets.</summary>
/// <param name="Seed">Data seed (the same seed gives the same problems).</param>
/// <param name="Train">Training problems.</param>
/// <param name="Test">Held-out problems (disjoint from the training ones).</param>
public sealed record AbilityOptions(long Seed, int Train, int Test);
