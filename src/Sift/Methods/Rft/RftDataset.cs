using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Eval;

namespace Sift.Methods.Rft;

/// <summary>One point of the "as k grows" curve.</summary>
/// <param name="K">Samples per problem considered (the first K of each model's samples).</param>
/// <param name="Statistics">Coverage and distinct paths over those samples.</param>
/// <param name="PassAtK">Unbiased pass@K over the samples of the first model.</param>
public sealed record RftGrowthPoint(int K, ReasoningPathStatistics Statistics, double PassAtK);

/// <summary>
/// The data an RFT run fine-tunes on: SFT pairs (question, reference solution) followed by the
/// distinct sampled paths, with the statistics the paper reports.
/// </summary>
/// <param name="Pairs">(question, response) training pairs.</param>
/// <param name="SftPairs">How many of <see cref="Pairs"/> are reference solutions.</param>
/// <param name="Paths">The distinct sampled paths per problem (reference-equivalent paths removed).</param>
/// <param name="Statistics">Coverage and distinct paths over all samples.</param>
/// <param name="Growth">The same as k grows.</param>
/// <param name="SampleSets">Sample files pooled (1 for RFT, ≥ 2 for RFT-U).</param>
public sealed record RftDataset(
    IReadOnlyList<(string Question, string Response)> Pairs,
    int SftPairs,
    DistinctPathSet Paths,
    ReasoningPathStatistics Statistics,
    IReadOnlyList<RftGrowthPoint> Growth,
    int SampleSets)
{
    public int SampledPaths => Pairs.Count - SftPairs;

    public JsonObject StatisticsJson()
    {
        static JsonObject Stats(ReasoningPathStatistics s) => new()
        {
            ["problems"] = s.ProblemCount,
            ["covered"] = s.ProblemsCovered,
            ["coverage"] = s.ProblemCount == 0 ? 0 : Math.Round((double)s.ProblemsCovered / s.ProblemCount, 6),
            ["distinct_paths"] = s.TotalPaths,
            ["paths_per_problem"] = Math.Round(s.MeanPathsPerProblem, 6),
            ["paths_per_covered_problem"] = Math.Round(s.MeanPathsPerCoveredProblem, 6),
            ["correct_samples"] = s.CorrectSamples,
            ["rejected_by_annotations"] = s.RejectedByAnnotations,
        };
        var growth = new JsonArray();
        foreach (var g in Growth)
        {
            var o = Stats(g.Statistics);
            o["k"] = g.K;
            o["pass_at_k"] = Math.Round(g.PassAtK, 6);
            growth.Add(o);
        }
        var all = Stats(Statistics);
        all["sample_sets"] = SampleSets;
        all["sft_pairs"] = SftPairs;
        all["sampled_pairs"] = SampledPaths;
        all["growth"] = growth;
        return all;
    }

    public string Summary() => string.Format(CultureInfo.InvariantCulture,
        "{0} sample set(s): {1}/{2} problems covered, {3} distinct new paths ({4:F2} per problem), {5} correct samples, {6} rejected by annotations; training pairs {7} (SFT {8} + RFT {9})",
        SampleSets, Statistics.ProblemsCovered, Statistics.ProblemCount, Statistics.TotalPaths, Statistics.MeanPathsPerProblem,
        Statistics.CorrectSamples, Statistics.RejectedByAnnotations, Pairs.Count, SftPairs, SampledPaths);
}
