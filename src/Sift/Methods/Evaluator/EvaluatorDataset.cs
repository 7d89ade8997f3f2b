using System.Text.Json.Nodes;
using Sift.Eval;
using Sift.Model.Sampling;

namespace Sift.Methods.Evaluator;

/// <summary>
/// Evaluator training data from a generator's own graded samples (Liu et al. 2023, §3.2): each sample
/// becomes the prompt "Here is a math problem: {P}. Here is a candidate solution: {X}. The above
/// candidate solution is" with the grader's verdict as its label. The set is BALANCED PER PROBLEM: a
/// problem with c correct and i incorrect samples (both ≥ 1) gives m = min(c, i, MaxPerClass) of each,
/// chosen by a seeded shuffle of that problem's samples, and the m (X⁺, X⁻) pairs for the margin loss
/// (the j-th chosen correct with the j-th chosen incorrect). A problem with samples of only ONE class
/// (all right or all wrong) cannot be balanced and gives nothing: it is counted in
/// <see cref="SingleClassProblems"/>. Deterministic from the seed: the choice of problem p depends only
/// on (seed, p's id), not on which other problems are present.
/// </summary>
public sealed class EvaluatorDataset
{
    private EvaluatorDataset(IReadOnlyList<EvaluatorExample> examples, IReadOnlyList<EvaluatorPair> pairs, int problems, int used, int singleClass)
    {
        Examples = examples;
        Pairs = pairs;
        Problems = problems;
        UsedProblems = used;
        SingleClassProblems = singleClass;
    }

    /// <summary>Examples in pair order: positive 0, negative 0, positive 1, ...</summary>
    public IReadOnlyList<EvaluatorExample> Examples { get; }

    /// <summary>Margin-loss pairs (indices into <see cref="Examples"/>).</summary>
    public IReadOnlyList<EvaluatorPair> Pairs { get; }

    /// <summary>Problems given.</summary>
    public int Problems { get; }

    /// <summary>Problems with both classes, which contribute examples.</summary>
    public int UsedProblems { get; }

    /// <summary>Problems whose samples are all correct or all incorrect (dropped: they cannot be balanced).</summary>
    public int SingleClassProblems { get; }

    /// <summary>The balanced dataset of <paramref name="problems"/>.</summary>
    public static EvaluatorDataset Build(IReadOnlyList<GradedProblem> problems, EvaluatorEncoding encoding, EvaluatorDataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(encoding);
        var chosen = BalancedPairs(problems, options, out int used, out int single);
        var examples = new List<EvaluatorExample>(2 * chosen.Count);
        var pairs = new List<EvaluatorPair>(chosen.Count);
        foreach (var (p, positive, negative) in chosen)
        {
            pairs.Add(new EvaluatorPair(examples.Count, examples.Count + 1));
            examples.Add(new EvaluatorExample(p.Id, encoding.Input(p.Question, positive.Text), true));
            examples.Add(new EvaluatorExample(p.Id, encoding.Input(p.Question, negative.Text), false));
        }
        return new EvaluatorDataset(examples, pairs, problems.Count, used, single);
    }

    /// <summary>
    /// The balanced per-problem choice itself, as (problem, correct sample, incorrect sample) pairs in
    /// problem order (also the evaluation task's data for multi-task fine-tuning).
    /// </summary>
    public static IReadOnlyList<(GradedProblem Problem, GradedSample Positive, GradedSample Negative)> BalancedPairs(IReadOnlyList<GradedProblem> problems, EvaluatorDataOptions? options, out int usedProblems, out int singleClassProblems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        options ??= new EvaluatorDataOptions();
        options.Validate();
        var result = new List<(GradedProblem, GradedSample, GradedSample)>();
        usedProblems = 0;
        singleClassProblems = 0;
        foreach (var p in problems)
        {
            var correct = new List<int>();
            var incorrect = new List<int>();
            for (int i = 0; i < p.Samples.Count; i++) (p.Samples[i].Correct ? correct : incorrect).Add(i);
            if (correct.Count == 0 || incorrect.Count == 0)
            {
                if (p.Samples.Count > 0) singleClassProblems++;
                continue;
            }
            usedProblems++;
            var rng = Xoshiro256StarStar.ForStream(options.Seed, "evaluator-balance/" + p.Id);
            Shuffle(correct, ref rng);
            Shuffle(incorrect, ref rng);
            int m = Math.Min(correct.Count, incorrect.Count);
            if (options.MaxPerClass > 0) m = Math.Min(m, options.MaxPerClass);
            for (int j = 0; j < m; j++) result.Add((p, p.Samples[correct[j]], p.Samples[incorrect[j]]));
        }
        return result;
    }

    /// <summary>
    /// Every sample of <paramref name="problems"/> as an example, unbalanced (the natural distribution,
    /// for measuring accuracy and AUC on held-out problems).
    /// </summary>
    public static IReadOnlyList<EvaluatorExample> AllSamples(IReadOnlyList<GradedProblem> problems, EvaluatorEncoding encoding) =>
        problems.SelectMany(p => p.Samples.Select(s => new EvaluatorExample(p.Id, encoding.Input(p.Question, s.Text), s.Correct))).ToArray();

    /// <summary>
    /// Splits problems (never samples of one problem across sides) into training and held-out sets:
    /// a problem is held out when a hash of (seed, id) falls below <paramref name="heldOutFraction"/>,
    /// so the split of a problem does not depend on the others. Input order is kept on each side.
    /// </summary>
    public static (IReadOnlyList<GradedProblem> Train, IReadOnlyList<GradedProblem> HeldOut) SplitByProblem(IReadOnlyList<GradedProblem> problems, double heldOutFraction, ulong seed)
    {
        if (!(heldOutFraction is >= 0 and < 1)) throw new ArgumentOutOfRangeException(nameof(heldOutFraction), $"must be in [0, 1), got {heldOutFraction}");
        var train = new List<GradedProblem>();
        var held = new List<GradedProblem>();
        foreach (var p in problems)
        {
            var u = (SeedDerivation.DeriveSeed(seed, "evaluator-split/" + p.Id) >> 11) * (1.0 / (1UL << 53));
            (u < heldOutFraction ? held : train).Add(p);
        }
        return (train, held);
    }

    /// <summary>
    /// Pools samples files of several models: rows with the same problem id are merged (samples
    /// concatenated in file order), rows keep the order of first appearance.
    /// </summary>
    public static IReadOnlyList<GradedProblem> Merge(IEnumerable<IReadOnlyList<GradedProblem>> files)
    {
        var order = new List<string>();
        var byId = new Dictionary<string, GradedProblem>();
        foreach (var file in files)
        {
            foreach (var p in file)
            {
                if (byId.TryGetValue(p.Id, out var seen))
                {
                    byId[p.Id] = seen with { Samples = seen.Samples.Concat(p.Samples).ToArray() };
                }
                else
                {
                    byId[p.Id] = p;
                    order.Add(p.Id);
                }
            }
        }
        return order.Select(id => byId[id]).ToArray();
    }

    /// <summary>Counts for logs and reports.</summary>
    public JsonObject StatisticsJson() => new()
    {
        ["problems"] = Problems,
        ["used_problems"] = UsedProblems,
        ["single_class_problems"] = SingleClassProblems,
        ["examples"] = Examples.Count,
        ["pairs"] = Pairs.Count,
    };

    private static void Shuffle(List<int> items, ref Xoshiro256StarStar rng)
    {
        for (int i = items.Count - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
