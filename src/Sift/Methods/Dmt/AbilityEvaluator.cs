using Sift.Data;
using Sift.Eval;
using Sift.Model;
using Sift.Text;
using Sift.Inference;

namespace Sift.Methods.Dmt;

/// <summary>
/// Scores a model on every ability at once: one batched greedy decoding pass over all test sets
/// (<see cref="ProblemSampler"/>), then each response scored by its ability's metric in parallel. An
/// ability's score is the mean metric reward on its test set.
/// </summary>
public static class AbilityEvaluator
{
    /// <summary>Score per ability name, in the order of <paramref name="abilities"/>.</summary>
    public static IReadOnlyDictionary<string, double> Score(TransformerModel model, BpeTokenizer tokenizer, PromptTemplate template, IReadOnlyList<AbilityTask> abilities, int maxNewTokens, int batchSize, IProgress<SamplingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(abilities);
        var problems = new List<MathProblem>();
        var owner = new List<int>();
        for (int a = 0; a < abilities.Count; a++)
        {
            problems.AddRange(abilities[a].Test);
            owner.AddRange(Enumerable.Repeat(a, abilities[a].Test.Count));
        }
        var sampler = new ProblemSampler(model, tokenizer, template);
        var samples = sampler.Sample(problems, SamplingSettings.Greedy(maxNewTokens, batchSize), progress, cancellationToken);
        var rewards = new double[problems.Count];
        // Metrics are pure and thread-safe (IReward's contract); each index is written by one iteration.
        // Twice the cores: a code metric mostly waits for its sandboxed Python process (docs/sandbox.md).
        var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = 2 * Environment.ProcessorCount };
        Parallel.For(0, problems.Count, parallel, i =>
            rewards[i] = abilities[owner[i]].Metric.Score(problems[i], samples[i].Completions[0].Text).Value);
        var scores = new Dictionary<string, double>(StringComparer.Ordinal);
        for (int a = 0; a < abilities.Count; a++)
        {
            double sum = 0;
            int n = 0;
            for (int i = 0; i < problems.Count; i++)
            {
                if (owner[i] != a) continue;
                sum += rewards[i];
                n++;
            }
            scores[abilities[a].Name] = n == 0 ? double.NaN : sum / n;
        }
        return scores;
    }
}
