using Sift.Data;
using Sift.Eval;
using Sift.Grading;

namespace Sift.Methods.Rft;

/// <summary>
/// Builds the RFT training set from graded sample files (Yuan et al. 2023, "Scaling Relationship on
/// Learning Mathematical Reasoning with Large Language Models", §4 and OFA-Sys/gsm8k-ScRel):
/// keep samples that are correct and whose calculator annotations are all right, pool the sample sets
/// of several models for RFT-U (in the given order), reduce each problem's samples to distinct
/// reasoning paths (<see cref="DistinctPathSelector"/>: key = ordered annotation equations without
/// spaces, collisions resolved by edit distance), drop paths with the same key as the reference
/// solution (already in the SFT data), and put the SFT data first. The acceptance test is a
/// parameter, so other rewards (ReST-EM's IReward) can reuse the same pipeline.
/// </summary>
public static class RftDatasetBuilder
{
    /// <summary>Builds the dataset.</summary>
    /// <param name="train">Training problems (their reference solutions are the SFT data).</param>
    /// <param name="sampleSets">One list of graded problems per model; rows are matched to problems by id.</param>
    /// <param name="options">Filter and report settings.</param>
    /// <param name="accept">Which samples count as correct (default: the grader's verdict).</param>
    public static RftDataset Build(IReadOnlyList<MathProblem> train, IReadOnlyList<IReadOnlyList<GradedProblem>> sampleSets, RftOptions? options = null, Func<GradedProblem, GradedSample, bool>? accept = null)
    {
        options ??= new RftOptions();
        accept ??= (_, s) => s.Correct;
        if (sampleSets.Count == 0) throw new ArgumentException("RFT needs at least one sample set", nameof(sampleSets));
        var byId = new Dictionary<string, MathProblem>(StringComparer.Ordinal);
        foreach (var p in train) byId.TryAdd(p.Id, p);
        for (int s = 0; s < sampleSets.Count; s++)
        {
            foreach (var row in sampleSets[s])
            {
                if (!byId.ContainsKey(row.Id)) throw new InvalidDataException($"sample set {s + 1}: problem '{row.Id}' is not in the training set (were the samples drawn from another dataset?)");
            }
        }
        Func<string, bool>? annotations = options.CheckAnnotations ? text => CalculatorAnnotations.Check(text).AllCorrect : null;
        var pooled = ToPathSamples(sampleSets, accept, int.MaxValue);
        var reduced = WithoutReferencePaths(DistinctPathSelector.Select(pooled, annotations), byId);

        var pairs = new List<(string, string)>();
        int sft = 0;
        if (options.IncludeSftData)
        {
            foreach (var p in train.Where(p => p.Solution.Length > 0))
            {
                pairs.Add((p.Question, p.Solution));
                sft++;
            }
        }
        foreach (var pp in reduced.Problems)
        {
            var q = byId[pp.ProblemId].Question;
            foreach (var path in pp.Paths) pairs.Add((q, path));
        }

        // Coverage is over the problems that were sampled (a sample file may hold a subset of the training set).
        int sampled = sampleSets.SelectMany(set => set.Select(r => r.Id)).Distinct(StringComparer.Ordinal).Count();
        int maxK = sampleSets.Max(set => set.Count == 0 ? 0 : set.Max(r => r.Samples.Count));
        var ks = options.GrowthKs ?? EvalRunner.PassKs(maxK);
        var growth = new List<RftGrowthPoint>();
        foreach (var k in ks.Where(k => k >= 1 && k <= Math.Max(1, maxK)))
        {
            var firstK = WithoutReferencePaths(DistinctPathSelector.Select(ToPathSamples(sampleSets, accept, k), annotations), byId);
            // Unbiased pass@k (Chen et al. 2021) from all n ≥ k samples of the first model.
            var counts = sampleSets[0].Where(r => r.Samples.Count >= k).Select(r => (r.Samples.Count, r.Samples.Count(s => accept(r, s)))).ToArray();
            growth.Add(new RftGrowthPoint(k, ReasoningPathStatistics.Of(firstK, sampled), counts.Length == 0 ? 0 : PassAtK.Mean(counts, k)));
        }
        return new RftDataset(pairs, sft, reduced, ReasoningPathStatistics.Of(reduced, sampled), growth, sampleSets.Count);
    }

    /// <summary>Drops paths with the same key as the problem's reference solution (already in the SFT data).</summary>
    private static DistinctPathSet WithoutReferencePaths(DistinctPathSet set, Dictionary<string, MathProblem> byId)
    {
        var filtered = set.Problems.Select(pp =>
        {
            var referenceKey = ReasoningPathKey.Of(byId[pp.ProblemId].Solution);
            return new ProblemPaths(pp.ProblemId, pp.Paths.Where(path => ReasoningPathKey.Of(path) != referenceKey).ToArray());
        }).ToArray();
        return new DistinctPathSet(filtered, set.CorrectSamples, set.RejectedByAnnotations);
    }

    private static List<PathSample> ToPathSamples(IReadOnlyList<IReadOnlyList<GradedProblem>> sets, Func<GradedProblem, GradedSample, bool> accept, int k)
    {
        var list = new List<PathSample>();
        foreach (var set in sets)
        {
            foreach (var row in set)
            {
                foreach (var s in row.Samples.Take(k)) list.Add(new PathSample(row.Id, s.Text, accept(row, s)));
            }
        }
        return list;
    }
}
