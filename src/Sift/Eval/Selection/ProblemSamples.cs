namespace Sift.Eval.Selection;

/// <summary>
/// The n samples of one problem, with its gold answer and (optionally) the problem text an evaluator
/// needs. <see cref="Subset"/> views share one <see cref="AnswerEquivalenceCache"/>, so clustering
/// many random subsets re-compares nothing. The clustering of this exact sample list is computed on
/// first use of <see cref="Clusters"/> and kept, so every strategy run on the same instance shares it.
/// </summary>
public sealed class ProblemSamples
{
    private Clustering? _clustering;

    public ProblemSamples(string gold, IReadOnlyList<ScoredSample> samples, string? problem = null, IAnswerEquivalence? equivalence = null)
        : this(gold, samples, problem, new AnswerEquivalenceCache(equivalence ?? new GraderAnswerEquivalence()))
    {
    }

    public ProblemSamples(string gold, IReadOnlyList<ScoredSample> samples, string? problem, AnswerEquivalenceCache cache)
    {
        ArgumentNullException.ThrowIfNull(gold);
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(cache);
        Gold = gold;
        Samples = samples;
        Problem = problem;
        Cache = cache;
    }

    /// <summary>The gold answer (or reference solution) the selection is judged against.</summary>
    public string Gold { get; }

    /// <summary>The problem text (needed only to score samples with an evaluator).</summary>
    public string? Problem { get; }

    public IReadOnlyList<ScoredSample> Samples { get; }

    public int Count => Samples.Count;

    /// <summary>The per-problem comparison cache this instance and its subsets share.</summary>
    public AnswerEquivalenceCache Cache { get; }

    /// <summary>Whether every sample has a score (the score-based strategies need them all).</summary>
    public bool AllScored => Samples.All(s => s.Score is not null);

    /// <summary>Clusters of equivalent usable answers, in order of first occurrence.</summary>
    public IReadOnlyList<AnswerCluster> Clusters => (_clustering ??= Cluster()).Clusters;

    /// <summary>Indices of samples whose answer is absent or unusable (they never vote).</summary>
    public IReadOnlyList<int> Unanswered => (_clustering ??= Cluster()).Unanswered;

    /// <summary>The samples at <paramref name="indices"/> (in that order), sharing this problem's cache.</summary>
    public ProblemSamples Subset(IReadOnlyList<int> indices)
    {
        var picked = new ScoredSample[indices.Count];
        for (var i = 0; i < picked.Length; i++)
        {
            picked[i] = Samples[indices[i]];
        }
        return new ProblemSamples(Gold, picked, Problem, Cache);
    }

    /// <summary>A copy with the samples replaced (same cache: answers are unchanged by scoring).</summary>
    public ProblemSamples WithSamples(IReadOnlyList<ScoredSample> samples) => new(Gold, samples, Problem, Cache);

    /// <summary>
    /// Greedy first-representative clustering (as <see cref="MajorityVote"/>): each usable answer joins
    /// the first cluster whose representative it is equivalent to, else starts a new one. Comparing
    /// with the representative only keeps the result well defined even where numeric tolerance makes
    /// equivalence non-transitive.
    /// </summary>
    private Clustering Cluster()
    {
        var clusters = new List<AnswerCluster>();
        var unanswered = new List<int>();
        for (var i = 0; i < Samples.Count; i++)
        {
            var id = Cache.IdOf(Samples[i].Answer);
            if (id < 0)
            {
                unanswered.Add(i);
                continue;
            }
            AnswerCluster? home = null;
            foreach (var c in clusters)
            {
                if (Cache.AreEquivalent(c.AnswerId, id))
                {
                    home = c;
                    break;
                }
            }
            if (home is null)
            {
                clusters.Add(new AnswerCluster(Cache.AnswerOf(id), id, [i]));
            }
            else
            {
                home.MemberList.Add(i);
            }
        }
        return new Clustering(clusters, unanswered);
    }

    private sealed record Clustering(List<AnswerCluster> Clusters, List<int> Unanswered);
}
