using Sift.Data;
using Sift.Eval;
using Sift.Methods.RestEm;
using Sift.Rewards;
using Sift.Inference;

namespace Sift.Tests.Methods.RestEm;

public sealed class EStepSelectorTests
{
    private static ProblemSamples Problem(string id, params string[] texts) =>
        new(new MathProblem(id, "q " + id, "", "1", "test"), "Question: q " + id, texts.Select(t => new Completion(t, 1, "stop_token")).ToArray());

    [Fact]
    public void Keeps_the_first_n_rewarded_samples_by_index_per_problem_and_counts_before_the_cap()
    {
        var samples = new[]
        {
            Problem("a", "ok0", "no1", "ok2", "ok3", "ok4"),
            Problem("b", "no0", "no1"),
            Problem("c", "no0", "ok1"),
        };
        var reward = new TextReward(t => t.StartsWith("ok", StringComparison.Ordinal));
        var scored = EStepSelector.Score(samples, reward);
        var result = EStepSelector.Keep(scored, maxPerProblem: 2);
        Assert.Equal([("a", 0), ("a", 2), ("c", 1)], result.Kept.Select(k => (k.ProblemId, k.SampleIndex)));
        Assert.Equal(["ok0", "ok2", "ok1"], result.Kept.Select(k => k.Response));
        Assert.Equal(2, result.Solved);
        Assert.Equal(3, result.Problems);
        Assert.Equal(9, result.Samples);
        Assert.Equal(5, result.Rewarded);
        Assert.Equal(2.0 / 3, result.SolvedFraction, 12);
        // A larger cap keeps every rewarded sample; a cap of 1 keeps one per solved problem.
        Assert.Equal(5, EStepSelector.Keep(scored, 10).Kept.Count);
        Assert.Equal([("a", 0), ("c", 1)], EStepSelector.Keep(scored, 1).Kept.Select(k => (k.ProblemId, k.SampleIndex)));
    }

    [Fact]
    public void The_cap_holds_for_random_reward_patterns()
    {
        var rng = new Random(5);
        for (int trial = 0; trial < 50; trial++)
        {
            int cap = rng.Next(1, 5);
            var problems = Enumerable.Range(0, 6).Select(p => Problem($"p{p}", Enumerable.Range(0, rng.Next(0, 9)).Select(j => rng.Next(2) == 0 ? $"ok{j}" : $"no{j}").ToArray())).ToArray();
            var result = EStepSelector.Keep(EStepSelector.Score(problems, new TextReward(t => t.StartsWith("ok", StringComparison.Ordinal))), cap);
            foreach (var p in problems)
            {
                var expected = p.Completions.Select((c, j) => (c.Text, j)).Where(x => x.Text.StartsWith("ok", StringComparison.Ordinal)).Take(cap).Select(x => x.j);
                Assert.Equal(expected, result.Kept.Where(k => k.ProblemId == p.Problem.Id).Select(k => k.SampleIndex));
            }
        }
    }

    /// <summary>A reward on the sample text alone.</summary>
    internal sealed class TextReward(Func<string, bool> accept) : IReward
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public string Name => "text";

        public RewardResult Score(MathProblem problem, string sampleText)
        {
            Interlocked.Increment(ref _calls);
            return accept(sampleText) ? RewardResult.Accept("ok") : RewardResult.Reject("no");
        }
    }
}
