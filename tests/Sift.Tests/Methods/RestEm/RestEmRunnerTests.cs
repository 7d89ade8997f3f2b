using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Eval;
using Sift.IO;
using Sift.Methods.RestEm;
using Sift.Model;
using Sift.Rewards;
using Sift.Runs;
using Sift.Tests.Training.Sft;
using Sift.Training.Sft;
using Sift.Inference;

namespace Sift.Tests.Methods.RestEm;

/// <summary>End-to-end ReST-EM on a 1-layer model, 4 training problems and 3 samples each (seconds).</summary>
public sealed class RestEmRunnerTests
{
    private static MathProblem[] Train => SftTestData.Train.Take(4).ToArray();

    private static MathProblem[] Test => SftTestData.Test.Take(3).ToArray();

    private static RestEmOptions Tiny(int iterations, bool continueFromPrevious = false) => new()
    {
        Iterations = iterations,
        K = 3,
        MaxPerProblem = 2,
        ContinueFromPrevious = continueFromPrevious,
        MaxNewTokens = 12,
        SampleBatch = 16,
        Training = new SftOptions { MaxSteps = 2, BatchSize = 4, LearningRate = 3e-3, CheckpointEvery = 0 },
        Seed = 7,
    };

    /// <summary>A random model can't solve anything, so the reward accepts a fixed, text-determined half of the samples.</summary>
    private static EStepSelectorTests.TextReward EvenLength() => new(t => t.Length > 0 && t.Length % 2 == 0);

    /// <summary>Saves a fresh tiny model (initial weights from <paramref name="seed"/>) and returns its directory.</summary>
    private static string SaveModel(string root, string name, ulong seed)
    {
        var dir = Path.Combine(root, name);
        using var model = TransformerModel.Create(SftTestData.TinyConfig(), seed);
        SavedModel.Save(dir, model, SftTestData.Tokenizer);
        return dir;
    }

    private static float[] Weights(string modelDir)
    {
        var (model, _) = SavedModel.Load(modelDir);
        using (model) return model.Weights.Span.ToArray();
    }

    private static (string Root, string Initial, string Base) Models(string name)
    {
        var root = SftTestData.TempDir(name);
        return (root, SaveModel(root, "initial", 11), SaveModel(root, "base", 22));
    }

    [Fact]
    public void Every_m_step_starts_from_the_base_models_bytes_not_the_previous_iterate()
    {
        var (root, initial, baseDir) = Models("restem-base");
        var starts = new Dictionary<int, float[]>();
        var runner = new RestEmRunner(Tiny(2), EvenLength(), RunDirectory.Open(Path.Combine(root, "run")))
        {
            MStepStarting = (i, m) => starts[i] = m.Weights.Span.ToArray(),
        };
        var results = runner.Execute(initial, baseDir, Train, Test);
        Assert.Equal(2, results.Iterations.Count);
        var baseBytes = Weights(baseDir);
        Assert.Equal(baseBytes, starts[1]);
        Assert.Equal(baseBytes, starts[2]);
        var iter1 = Weights(results.Iterations[0].ModelDir);
        Assert.NotEqual(iter1, starts[2]);
        Assert.NotEqual(baseBytes, iter1);
        Assert.All(results.Iterations, i => Assert.Equal("base", i.MStepStart));
        // Iteration 2 sampled from iteration 1's model: its E-step says so.
        var eStep2 = JsonNode.Parse(File.ReadAllText(Path.Combine(runner.IterationDir(2), "e_step.json")))!;
        Assert.Equal(Path.GetFullPath(results.Iterations[0].ModelDir), eStep2["sampled_from"]!.GetValue<string>());
    }

    [Fact]
    public void Continue_from_previous_starts_each_m_step_from_the_model_that_sampled()
    {
        var (root, initial, baseDir) = Models("restem-continue");
        var starts = new Dictionary<int, float[]>();
        var runner = new RestEmRunner(Tiny(2, continueFromPrevious: true), EvenLength(), RunDirectory.Open(Path.Combine(root, "run")))
        {
            MStepStarting = (i, m) => starts[i] = m.Weights.Span.ToArray(),
        };
        var results = runner.Execute(initial, baseDir, Train, Test);
        Assert.Equal(Weights(initial), starts[1]);
        Assert.Equal(Weights(results.Iterations[0].ModelDir), starts[2]);
        Assert.NotEqual(Weights(baseDir), starts[2]);
        Assert.All(results.Iterations, i => Assert.Equal("previous", i.MStepStart));
    }

    [Fact]
    public void Exactly_the_rewarded_samples_are_kept_capped_per_problem_and_results_json_has_the_promised_shape()
    {
        var (root, initial, _) = Models("restem-reward");
        var reward = EvenLength();
        var run = RunDirectory.Open(Path.Combine(root, "run"));
        var runner = new RestEmRunner(Tiny(1), reward, run);
        var results = runner.Execute(initial, null, Train, Test);
        Assert.Equal(Train.Length * 3, reward.Calls);

        // Every sample and its reward are on disk; the kept file is the first 2 accepted per problem.
        var iterDir = runner.IterationDir(1);
        var expected = new List<(string, int, string)>();
        int solved = 0;
        foreach (var row in JsonlReader.ReadAll(Path.Combine(iterDir, "samples", "e-step.jsonl")))
        {
            var accepted = row.Object["samples"]!.AsArray()
                .Select(s => (Index: s!["index"]!.GetValue<int>(), Text: s["text"]!.GetValue<string>(), Rewarded: s["rewarded"]!.GetValue<bool>()))
                .ToArray();
            Assert.All(accepted, s => Assert.Equal(s.Text.Length > 0 && s.Text.Length % 2 == 0, s.Rewarded));
            var kept = accepted.Where(s => s.Rewarded).Take(2).ToArray();
            if (kept.Length > 0) solved++;
            expected.AddRange(kept.Select(s => (row.Object["id"]!.GetValue<string>(), s.Index, s.Text)));
        }
        var actual = JsonlReader.ReadAll(Path.Combine(iterDir, "kept.jsonl"))
            .Select(r => (r.Object["id"]!.GetValue<string>(), r.Object["sample_index"]!.GetValue<int>(), r.Object["response"]!.GetValue<string>())).ToList();
        Assert.NotEmpty(actual);
        Assert.Equal(expected, actual);

        var json = JsonNode.Parse(File.ReadAllText(run.ResultsPath))!.AsObject();
        Assert.InRange(json["sft_greedy"]!.GetValue<double>(), 0, 1);
        var iterations = json["iterations"]!.AsArray();
        var first = Assert.Single(iterations)!.AsObject();
        Assert.Equal(1, first["iteration"]!.GetValue<int>());
        Assert.InRange(first["test_greedy"]!.GetValue<double>(), 0, 1);
        Assert.Equal((double)solved / Train.Length, first["train_solved"]!.GetValue<double>(), 12);
        Assert.Equal(actual.Count, first["kept_samples"]!.GetValue<int>());
        Assert.Equal(results.Iterations[0].KeptSamples, first["kept_samples"]!.GetValue<int>());
        Assert.True(SavedModel.IsComplete(first["model"]!.GetValue<string>()));
    }

    [Fact]
    public void Given_first_e_step_samples_iteration_one_scores_them_instead_of_sampling()
    {
        var (root, initial, _) = Models("restem-reuse");
        var reward = EvenLength();
        // Three completions per problem of lengths 2, 3 and 4: the even ones (0 and 2) are rewarded.
        var given = Train.Select(p => new ProblemSamples(p, "prompt", [new Completion("ab", 1, "x"), new Completion("abc", 1, "x"), new Completion("abcd", 1, "x")])).ToArray();
        var runner = new RestEmRunner(Tiny(1), reward, RunDirectory.Open(Path.Combine(root, "run"))) { FirstEStepSamples = given };
        runner.Execute(initial, null, Train, Test);
        Assert.Equal(Train.Length * 3, reward.Calls);
        var kept = JsonlReader.ReadAll(Path.Combine(runner.IterationDir(1), "kept.jsonl"))
            .Select(r => (r.Object["sample_index"]!.GetValue<int>(), r.Object["response"]!.GetValue<string>())).ToArray();
        Assert.Equal(Train.SelectMany(_ => new[] { (0, "ab"), (2, "abcd") }), kept);

        // Samples that do not line up with the training problems are refused, naming the mismatch.
        var wrong = new RestEmRunner(Tiny(1), reward, RunDirectory.Open(Path.Combine(root, "run-wrong"))) { FirstEStepSamples = given.Reverse().ToArray() };
        var error = Assert.Throws<ArgumentException>(() => wrong.Execute(initial, null, Train, Test));
        Assert.Contains("same order as the training problems", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_rerun_skips_finished_iterations_and_extends_the_run()
    {
        var (root, initial, baseDir) = Models("restem-resume");
        var runDir = Path.Combine(root, "run");
        var first = new RestEmRunner(Tiny(1), EvenLength(), RunDirectory.Open(runDir)).Execute(initial, baseDir, Train, Test);

        var started = new List<int>();
        var reward = EvenLength();
        var second = new RestEmRunner(Tiny(2), reward, RunDirectory.Open(runDir)) { MStepStarting = (i, _) => started.Add(i) }
            .Execute(initial, baseDir, Train, Test);
        Assert.Equal([2], started);
        Assert.Equal(Train.Length * 3, reward.Calls); // only iteration 2's E-step was scored
        Assert.Equal(first.Iterations[0], second.Iterations[0]);
        Assert.Equal(first.SftGreedy, second.SftGreedy);
        Assert.Equal(2, second.Iterations.Count);

        started.Clear();
        var third = new RestEmRunner(Tiny(2), EvenLength(), RunDirectory.Open(runDir)) { MStepStarting = (i, _) => started.Add(i) }
            .Execute(initial, baseDir, Train, Test);
        Assert.Empty(started);
        Assert.Equal(second.ToJson().ToJsonString(), third.ToJson().ToJsonString());
    }

    [Fact]
    public void A_rerun_with_different_settings_is_refused_naming_the_setting()
    {
        var (root, initial, _) = Models("restem-settings");
        var runDir = Path.Combine(root, "run");
        new RestEmRunner(Tiny(1), EvenLength(), RunDirectory.Open(runDir)).Execute(initial, null, Train, Test);
        var e = Assert.Throws<ArgumentException>(() =>
            new RestEmRunner(Tiny(1) with { MaxPerProblem = 1 }, EvenLength(), RunDirectory.Open(runDir)).Execute(initial, null, Train, Test));
        Assert.Contains("max_per_problem", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Training_stops_early_when_the_validation_reward_does_not_improve()
    {
        var (root, initial, baseDir) = Models("restem-early");
        var validation = SftTestData.Test.Skip(10).Take(3).ToArray();
        var ids = validation.Select(p => p.Id).ToHashSet();
        // Rewards nothing on the validation problems: the validation reward stays 0, never above the start.
        var reward = new ProblemReward(p => !ids.Contains(p.Id));
        var results = new RestEmRunner(Tiny(3) with { Patience = 1 }, reward, RunDirectory.Open(Path.Combine(root, "run")))
            .Execute(initial, baseDir, Train, Test, validation);
        Assert.Single(results.Iterations);
        Assert.Equal(0, results.Iterations[0].ValidationReward);
        Assert.Equal(0, results.BestIteration);
        Assert.NotNull(results.StopReason);

        var noPatience = new RestEmRunner(Tiny(2) with { Patience = 0 }, reward, RunDirectory.Open(Path.Combine(root, "run-no-patience")))
            .Execute(initial, baseDir, Train, Test, validation);
        Assert.Equal(2, noPatience.Iterations.Count);
        Assert.Null(noPatience.StopReason);
    }

    [Fact]
    public void A_reward_that_accepts_nothing_ends_the_run_with_a_reason_and_no_iterations()
    {
        var (root, initial, _) = Models("restem-none");
        var run = RunDirectory.Open(Path.Combine(root, "run"));
        var results = new RestEmRunner(Tiny(2), new ProblemReward(_ => false), run).Execute(initial, null, Train, Test);
        Assert.Empty(results.Iterations);
        Assert.Contains("no rewarded samples", results.StopReason, StringComparison.Ordinal);
        Assert.Empty(JsonNode.Parse(File.ReadAllText(run.ResultsPath))!["iterations"]!.AsArray());
    }

    /// <summary>Accepts every non-empty sample of the problems <paramref name="accept"/> selects.</summary>
    private sealed class ProblemReward(Func<MathProblem, bool> accept) : IReward
    {
        public string Name => "problem";

        public RewardResult Score(MathProblem problem, string sampleText) =>
            accept(problem) && sampleText.Length > 0 ? RewardResult.Accept("ok") : RewardResult.Reject("no");
    }
}
