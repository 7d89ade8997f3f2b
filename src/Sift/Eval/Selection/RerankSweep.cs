using Sift.Grading;
using Sift.Model.Sampling;

namespace Sift.Eval.Selection;

/// <summary>
/// Accuracy of every selection strategy as a function of the number of samples k (Liu et al. 2023,
/// Fig. 2 style): for each problem and k, the strategy runs on subsets of k of its samples and is
/// judged against the gold answer by the grader; the per-problem fraction of correct subsets is
/// averaged over problems. k equal to a problem's sample count uses all samples once; when there are
/// at most <see cref="RerankSweepOptions.Subsets"/> possible subsets, all are enumerated (exact);
/// otherwise that many are drawn at random from the stream "rerank/problem-{p}/k-{k}" of the seed,
/// so the result depends on neither thread count nor the order strategies or k are run in. Subsets
/// keep the samples' original order (tie-breaks by first occurrence stay meaningful). Strategies that
/// add scores up (<see cref="ISelectionStrategy.WeighsScores"/>) get them mapped by
/// <see cref="RerankSweepOptions.ScoreTransform"/> (resolved once for all problems); the others get
/// the raw scores.
/// </summary>
public static class RerankSweep
{
    /// <summary>1, 2, 4, ... below <paramref name="n"/>, then <paramref name="n"/>.</summary>
    public static IReadOnlyList<int> DefaultKs(int n)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1);
        var ks = new List<int>();
        for (var k = 1; k < n; k *= 2)
        {
            ks.Add(k);
        }
        ks.Add(n);
        return ks;
    }

    public static RerankReport Run(IReadOnlyList<ProblemSamples> problems, IReadOnlyList<ISelectionStrategy> strategies, RerankSweepOptions? options = null, MathGrader? grader = null)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentNullException.ThrowIfNull(strategies);
        options ??= RerankSweepOptions.Default;
        grader ??= new MathGrader();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Subsets, 1);
        if (problems.Count == 0)
        {
            throw new ArgumentException("no problems to evaluate", nameof(problems));
        }
        var n = problems.Min(p => p.Count);
        if (n < 1)
        {
            throw new ArgumentException("every problem needs at least one sample", nameof(problems));
        }
        var ks = options.Ks ?? DefaultKs(n);
        if (ks.Any(k => k < 1 || k > n))
        {
            throw new ArgumentException($"every k must lie in [1, {n}] (the smallest sample count); got {string.Join(", ", ks)}", nameof(options));
        }

        var unscored = SampleScoring.CountMissing(problems);
        var transform = ScoreTransforms.Resolve(options.ScoreTransform, problems);
        var negative = transform == ScoreTransform.None ? ScoreTransforms.CountNegative(problems) : 0;
        var unavailable = new Dictionary<string, string>(StringComparer.Ordinal);
        var runnable = new List<ISelectionStrategy>();
        foreach (var s in strategies)
        {
            if (s.NeedsScores && unscored > 0)
            {
                unavailable[s.Name] = $"needs a score for every sample ({unscored} sample(s) have none; give scores or an evaluator)";
            }
            else if (s.WeighsScores && negative > 0)
            {
                // A negative weight would vote against its answer; refusing beats a silently wrong sum.
                unavailable[s.Name] = $"adds scores as weights, which must be non-negative ({negative} score(s) are negative; use the sigmoid or softmax score transform)";
            }
            else
            {
                runnable.Add(s);
            }
        }
        // Weighted strategies read mapped scores; ranking ones keep the raw problems (same instances, same numbers as without a transform).
        var weighted = transform == ScoreTransform.None ? problems : problems.Select(p => ScoreTransforms.Apply(p, transform)).ToArray();

        var sums = new double[runnable.Count, ks.Count];
        for (var p = 0; p < problems.Count; p++)
        {
            var problem = problems[p];
            var judge = new GoldJudge(problem.Gold, grader);
            for (var ki = 0; ki < ks.Count; ki++)
            {
                var subsets = Subsets(problem.Count, ks[ki], options.Subsets, options.Seed, p);
                var correct = new int[runnable.Count];
                foreach (var subset in subsets)
                {
                    var view = subset.Length == problem.Count ? problem : problem.Subset(subset);
                    ProblemSamples? weightedView = null;
                    for (var s = 0; s < runnable.Count; s++)
                    {
                        var input = view;
                        if (runnable[s].WeighsScores && !ReferenceEquals(weighted[p], problem))
                        {
                            input = weightedView ??= subset.Length == problem.Count ? weighted[p] : weighted[p].Subset(subset);
                        }
                        if (judge.IsCorrect(runnable[s].Select(input).Answer))
                        {
                            correct[s]++;
                        }
                    }
                }
                for (var s = 0; s < runnable.Count; s++)
                {
                    sums[s, ki] += (double)correct[s] / subsets.Count;
                }
            }
        }

        var curves = new List<StrategyCurve>(runnable.Count);
        for (var s = 0; s < runnable.Count; s++)
        {
            var acc = new double[ks.Count];
            for (var ki = 0; ki < ks.Count; ki++)
            {
                acc[ki] = sums[s, ki] / problems.Count;
            }
            curves.Add(new StrategyCurve(runnable[s].Name, acc));
        }
        return new RerankReport(problems.Count, ks.ToArray(), curves, unavailable, ScoreTransforms.Describe(options.ScoreTransform, transform));
    }

    /// <summary>
    /// The index subsets (each ascending) for one (problem, k): the full set when k = n; every
    /// k-subset in lexicographic order when C(n, k) ≤ <paramref name="maxSubsets"/>; otherwise
    /// <paramref name="maxSubsets"/> uniform random ones (partial Fisher–Yates).
    /// </summary>
    public static IReadOnlyList<int[]> Subsets(int n, int k, int maxSubsets, ulong seed, int problemIndex)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, n);
        if (k == n)
        {
            return [Enumerable.Range(0, n).ToArray()];
        }
        if (Binomial(n, k) <= maxSubsets)
        {
            return AllSubsets(n, k);
        }
        var rng = Xoshiro256StarStar.ForStream(seed, $"rerank/problem-{problemIndex}/k-{k}");
        var pool = new int[n];
        var result = new List<int[]>(maxSubsets);
        for (var t = 0; t < maxSubsets; t++)
        {
            for (var i = 0; i < n; i++)
            {
                pool[i] = i;
            }
            for (var i = 0; i < k; i++)
            {
                var j = i + rng.NextInt(n - i);
                (pool[i], pool[j]) = (pool[j], pool[i]);
            }
            var subset = pool[..k];
            Array.Sort(subset);
            result.Add(subset);
        }
        return result;
    }

    /// <summary>Every k-subset of 0..n-1, lexicographic.</summary>
    public static List<int[]> AllSubsets(int n, int k)
    {
        var result = new List<int[]>();
        var idx = Enumerable.Range(0, k).ToArray();
        while (true)
        {
            result.Add((int[])idx.Clone());
            var i = k - 1;
            while (i >= 0 && idx[i] == n - k + i)
            {
                i--;
            }
            if (i < 0)
            {
                return result;
            }
            idx[i]++;
            for (var j = i + 1; j < k; j++)
            {
                idx[j] = idx[j - 1] + 1;
            }
        }
    }

    /// <summary>C(n, k), saturating at long.MaxValue.</summary>
    public static long Binomial(int n, int k)
    {
        k = Math.Min(k, n - k);
        long c = 1;
        for (var i = 1; i <= k; i++)
        {
            // c * (n - k + i) / i is exact at every step; stop before it could overflow.
            if (c > long.MaxValue / (n - k + i))
            {
                return long.MaxValue;
            }
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /// <summary>Judges selected answers against one gold answer, caching by answer text.</summary>
    private sealed class GoldJudge(string gold, MathGrader grader)
    {
        private readonly string _gold = grader.ExtractAnswer(gold) ?? gold;
        private readonly Dictionary<string, bool> _cache = new(StringComparer.Ordinal);

        public bool IsCorrect(string? answer)
        {
            if (answer is null)
            {
                return false;
            }
            if (!_cache.TryGetValue(answer, out var ok))
            {
                ok = grader.CompareAnswers(_gold, answer).IsEquivalent;
                _cache.Add(answer, ok);
            }
            return ok;
        }
    }
}
