using Sift.Data;
using Sift.Rewards;

namespace Sift.Methods.Dmt;

/// <summary>
/// One ability of the data-composition study (Dong et al. 2023, "How abilities in LLMs are affected by
/// SFT data composition", §2): its training and held-out problems and the automatic metric that says
/// whether one response is right. Every ability shares <see cref="MathProblem"/> as its record
/// (Question = the instruction or problem, Solution = the reference response used as the SFT target,
/// Answer = what the metric checks against: the gold answer for math, the test cases for code, the
/// expected output for general instructions), so one SFT trainer, one sampler and one mixture code path
/// serve all three. The ability's score is the mean <see cref="Metric"/> reward of greedy responses on
/// <see cref="Test"/> (for code: pass@1 under greedy decoding).
/// </summary>
/// <param name="Name">"math", "code" or "general" (the key in results.json).</param>
/// <param name="Train">Training problems (the source a mixture draws amounts or ratios from).</param>
/// <param name="Test">Held-out problems, disjoint from <paramref name="Train"/>.</param>
/// <param name="Metric">Binary reward of one response; pure and thread-safe.</param>
public sealed record AbilityTask(string Name, IReadOnlyList<MathProblem> Train, IReadOnlyList<MathProblem> Test, IReward Metric);
