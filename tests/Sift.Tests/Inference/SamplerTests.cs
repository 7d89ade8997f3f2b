using Sift.Data;
using Sift.Eval;
using Sift.Model;
using Sift.Tests.Training.Sft;
using Sift.Inference;

namespace Sift.Tests.Inference;

public sealed class SamplerTests
{
    [Fact]
    public void Samples_do_not_depend_on_batch_size_and_differ_across_indices()
    {
        using var model = TransformerModel.Create(SftTestData.TinyConfig(), 21);
        var sampler = new ProblemSampler(model, SftTestData.Tokenizer, PromptTemplate.Plain);
        var problems = SftTestData.Test.Take(3).ToArray();
        var settings = SamplingSettings.Sampled(3, 1f, 12, 64, 5);
        var one = sampler.Sample(problems, settings with { BatchSize = 1 });
        var many = sampler.Sample(problems, settings with { BatchSize = 7 });
        Assert.Equal(one.SelectMany(p => p.Completions.Select(c => c.Text)), many.SelectMany(p => p.Completions.Select(c => c.Text)));
        Assert.True(one[0].Completions.Select(c => c.Text).Distinct().Count() > 1, "independent samples of a random model should differ");
        Assert.All(one.SelectMany(p => p.Completions), c => Assert.InRange(c.Tokens, 1, 12));
        // The same problem list with one problem removed in front shifts indices; the seed is per (seed, index).
        var other = sampler.Sample(problems, settings with { Decoding = settings.Decoding with { Seed = 6 } });
        Assert.NotEqual(one.SelectMany(p => p.Completions.Select(c => c.Text)), other.SelectMany(p => p.Completions.Select(c => c.Text)));
    }

    [Fact]
    public void Greedy_is_deterministic_and_the_runner_grades_what_it_decodes()
    {
        using var model = TransformerModel.Create(SftTestData.TinyConfig(), 22);
        var runner = new EvalRunner(model, SftTestData.Tokenizer, PromptTemplate.Plain);
        var problems = SftTestData.Test.Take(4).ToArray();
        var path = Path.Combine(SftTestData.TempDir("eval"), "eval.jsonl");
        var report = runner.Run(problems, new EvalOptions().WithK(2).WithLimits(10, 3), path);
        Assert.Equal(4, report.Problems);
        Assert.NotNull(report.GreedyAccuracy);
        Assert.NotNull(report.MajorityAccuracy);
        Assert.True(report.GeneratedTokens > 0);
        var rows = File.ReadAllLines(path);
        Assert.Equal(4, rows.Length);
        Assert.Contains("\"greedy\"", rows[0]);
        Assert.Contains("\"majority_correct\"", rows[0]);
        var again = runner.Run(problems, new EvalOptions().WithK(2).WithLimits(10, 1), path + "2");
        Assert.Equal(File.ReadAllText(path), File.ReadAllText(path + "2"));
        Assert.Equal(report.GreedyAccuracy, again.GreedyAccuracy);
    }
}
