using Sift.Eval;
using Sift.Rewards;
using Sift.Inference;

namespace Sift.Methods.RestEm;

/// <summary>
/// The E-step's filter (Singh et al. 2023, §3): score every sample with the binary reward, keep the
/// rewarded ones, at most N per problem. The cap keeps the FIRST N rewarded samples by sample index:
/// samples are i.i.d. draws seeded per (seed, problem, index), so the first N are as random a choice
/// as any, and the choice is deterministic and independent of thread count. Duplicates are kept, as in
/// the paper (no path de-duplication; that is RFT's filter).
/// </summary>
public static class EStepSelector
{
    /// <summary>Rewards every completion of every problem (problems scored in parallel; order kept).</summary>
    public static IReadOnlyList<ScoredProblem> Score(IReadOnlyList<ProblemSamples> samples, IReward reward)
    {
        ArgumentNullException.ThrowIfNull(reward);
        var result = new ScoredProblem[samples.Count];
        Parallel.For(0, samples.Count, i =>
        {
            var p = samples[i];
            var rewards = new RewardResult[p.Completions.Count];
            for (int j = 0; j < rewards.Length; j++) rewards[j] = reward.Score(p.Problem, p.Completions[j].Text);
            result[i] = new ScoredProblem(p.Problem, p.Completions, rewards);
        });
        return result;
    }

    /// <summary>The kept set: for each problem in order, its first <paramref name="maxPerProblem"/> rewarded samples by index.</summary>
    public static EStepResult Keep(IReadOnlyList<ScoredProblem> scored, int maxPerProblem)
    {
        if (maxPerProblem < 1) throw new ArgumentOutOfRangeException(nameof(maxPerProblem), maxPerProblem, "max per problem must be >= 1");
        var kept = new List<KeptSample>();
        int solved = 0;
        long samples = 0, rewarded = 0;
        foreach (var p in scored)
        {
            samples += p.Completions.Count;
            int taken = 0;
            for (int j = 0; j < p.Completions.Count; j++)
            {
                if (!p.Rewards[j].Rewarded) continue;
                rewarded++;
                if (taken == 0) solved++;
                if (taken < maxPerProblem)
                {
                    kept.Add(new KeptSample(p.Problem.Id, p.Problem.Question, p.Problem.Answer, j, p.Completions[j].Text));
                }
                taken++;
            }
        }
        return new EStepResult(kept, scored.Count, solved, samples, rewarded);
    }
}
