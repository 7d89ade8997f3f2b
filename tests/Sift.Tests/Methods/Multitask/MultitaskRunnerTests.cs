using Sift.Eval;
using Sift.Methods.Multitask;
using Sift.Model;
using Sift.Runs;
using Sift.Tests.Model;
using Sift.Tests.Training.Sft;
using Sift.Training.Sft;

namespace Sift.Tests.Methods.Multitask;

/// <summary>Every multi-task strategy end to end on a 1-layer model with 2-step stages (seconds).</summary>
[Collection(EngineThreadsCollection.Name)]
public sealed class MultitaskRunnerTests
{
    [Fact]
    public void Every_strategy_yields_a_generator_and_evaluator_and_a_rerun_skips_finished_stages()
    {
        var root = SftTestData.TempDir("multitask");
        var sft = Path.Combine(root, "sft");
        var baseDir = Path.Combine(root, "base");
        using (var m = TransformerModel.Create(SftTestData.TinyConfig(160), 1)) SavedModel.Save(baseDir, m, SftTestData.Tokenizer);
        using (var m = TransformerModel.Create(SftTestData.TinyConfig(160), 2)) SavedModel.Save(sft, m, SftTestData.Tokenizer);
        var train = SftTestData.Train.Take(6).ToArray();
        var test = SftTestData.Test.Take(2).ToArray();
        var samples = train.Select(p => new GradedProblem(p.Id, p.Question, p.Answer, "",
        [
            new GradedSample(p.Solution, p.Answer, "equivalent", true, true, 10),
            new GradedSample("The answer is 12345", "12345", "not_equivalent", false, true, 5),
        ])).ToArray();
        var options = new MultitaskOptions
        {
            Generation = new SftOptions { MaxSteps = 2, BatchSize = 4, CheckpointEvery = 0 },
            Evaluation = new SftOptions { MaxSteps = 2, BatchSize = 4, CheckpointEvery = 0 },
            RerankSamples = 2,
            MaxNewTokens = 6,
            RerankSubsets = 2,
        };
        var run = RunDirectory.Open(Path.Combine(root, "run"));
        var results = new MultitaskRunner(options, run).Execute(sft, baseDir, train, test, samples);
        Assert.Equal(["solution_ft", "solution_ft_continued", "sequential", "mixed"], results.Strategies.Select(s => s.Name));
        var byName = results.Strategies.ToDictionary(s => s.Name);
        Assert.Equal(sft, byName["solution_ft"].GeneratorDir);
        Assert.Equal(run.Child("evaluation").CheckpointDir("final"), byName["solution_ft"].EvaluatorDir);
        Assert.Equal(byName["sequential"].GeneratorDir, byName["sequential"].EvaluatorDir);
        Assert.Equal(run.Child("mixed").CheckpointDir("final"), byName["mixed"].GeneratorDir);
        foreach (var s in results.Strategies)
        {
            Assert.InRange(s.GreedyAccuracy, 0, 1);
            Assert.NotNull(s.Rerank);
            Assert.Equal(2, s.Evaluator!.Samples / test.Length);
            Assert.Contains(s.Rerank!.Strategies, c => c.Name == "cluster_rerank");
        }
        // The sequential generator continued from the evaluation stage: its weights differ from both the SFT and evaluation models.
        Assert.NotEqual(Weights(byName["solution_ft"].EvaluatorDir), Weights(byName["sequential"].GeneratorDir));
        // The control continues solution FT from the SFT model (no evaluation stage) and shares solution_ft's evaluator.
        Assert.Equal(run.Child("solution-continued").CheckpointDir("final"), byName["solution_ft_continued"].GeneratorDir);
        Assert.Equal(byName["solution_ft"].EvaluatorDir, byName["solution_ft_continued"].EvaluatorDir);
        Assert.NotEqual(Weights(byName["solution_ft_continued"].GeneratorDir), Weights(byName["sequential"].GeneratorDir));
        Assert.NotEqual(Weights(sft), Weights(byName["solution_ft"].EvaluatorDir));

        var stamp = File.GetLastWriteTimeUtc(Path.Combine(byName["mixed"].GeneratorDir, SavedModel.WeightsFile));
        var again = new MultitaskRunner(options, run).Execute(sft, baseDir, train, test, samples);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(byName["mixed"].GeneratorDir, SavedModel.WeightsFile)));
        Assert.Equal(results.ToJson().ToJsonString(), again.ToJson().ToJsonString());
        Assert.True(File.Exists(run.ResultsPath));
    }

    private static float[] Weights(string dir)
    {
        var (model, _) = SavedModel.Load(dir);
        using (model) return model.Weights.Span.ToArray();
    }
}
