using Sift.Eval;

namespace Sift.Methods.Rft;

/// <summary>One seed's RFT stage: the RFT model's (and RFT-U's) test scores and how distinct paths grew with k.</summary>
public sealed record RftStageResult(SeedScore Rft, SeedScore? Union, IReadOnlyList<RftGrowthPoint> GrowthA, IReadOnlyList<RftGrowthPoint>? GrowthU);
