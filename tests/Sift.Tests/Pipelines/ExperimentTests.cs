using System.Text.Json.Nodes;
using Sift.Data.Synthetic;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Training.Sft;
using Sift.Model;
using Sift.Methods.Evaluator;
using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;

namespace Sift.Tests.Pipelines;

public sealed class ExperimentTests
{
    private static ExperimentOptions Tiny => new()
    {
        Name = "tiny",
        Seeds = [1],
        Data = new DataOptions { SynthTrain = 24, SynthTest = 12, Validation = 8, Synth = new SynthOptions { MaxSteps = 2, MaxNumber = 9, MaxResult = 100, Seed = 2 } },
        VocabSize = 300,
        Model = new ModelShape { Hidden = 32, Layers = 1, Heads = 2, KeyValueHeads = 2, Intermediate = 64, Context = 128 },
        Sft = new SftOptions { MaxSteps = 4, BatchSize = 8, LearningRate = 3e-3, CheckpointEvery = 2 },
        Rft = new RftOptions { K = 2, Union = true },
        RestEm = new RestEmOptions { Iterations = 2, K = 2, TopK = 0, Training = new SftOptions { MaxSteps = 2, BatchSize = 8, CheckpointEvery = 0 } },
        Eval = new Sift.Eval.EvalOptions().WithK(2),
        Rerank = new RerankOptions { N = 2, TestProblems = 6, Evaluator = new() { MaxSteps = 2, PairsPerStep = 2 } },
        Multitask = new MultitaskOptions { Generation = new SftOptions { MaxSteps = 2, BatchSize = 8, CheckpointEvery = 0 }, Evaluation = new SftOptions { MaxSteps = 2, BatchSize = 8, CheckpointEvery = 0 } },
        Dmt = new Sift.Methods.Dmt.DmtOptions { Enabled = false }, // the data-composition study has its own end-to-end test (Methods/Dmt)
        SampleBatch = 16,
        MaxNewTokens = 24,
    };

    [Fact]
    public void Every_stage_runs_and_results_json_has_the_promised_shape_and_a_rerun_resumes()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("experiment");
        var run = RunDirectory.Open(dir);
        var results = new Experiment(Tiny, run).Execute();
        Assert.Equal(["SFT", "RFT k=2", "RFT-union k=2"], results.Rows.Select(r => r.Method));
        var json = JsonNode.Parse(File.ReadAllText(run.ResultsPath))!.AsObject();
        Assert.Equal(12, json["test_problems"]!.GetValue<int>());
        Assert.Equal([1], json["seeds"]!.AsArray().Select(s => s!.GetValue<int>()));
        foreach (var row in json["rows"]!.AsArray())
        {
            var r = row!.AsObject();
            Assert.InRange(r["greedy"]!.GetValue<double>(), 0, 1);
            Assert.InRange(r["maj_k"]!.GetValue<double>(), 0, 1);
            Assert.Equal(2, r["k"]!.GetValue<int>());
            Assert.Single(r["per_seed"]!.AsArray());
        }
        foreach (var stage in new[] { "sft-a", "sft-b", "rft", "rft-union" })
        {
            Assert.True(SavedModel.IsComplete(Path.Combine(dir, "seed-1", stage, "checkpoints", "final")), stage);
        }
        Assert.True(File.Exists(Path.Combine(dir, "seed-1", "samples", "sft-a-train-k2.jsonl")));
        Assert.True(File.Exists(Path.Combine(dir, "seed-1", "rft-union", "rft_stats.json")));
        // ReST-EM: the mean curve with per_seed beside it; iteration 1 reused RFT's k=2 draw of model A.
        var restem = json["restem"]!.AsObject();
        Assert.InRange(restem["sft_greedy"]!.GetValue<double>(), 0, 1);
        // A 4-step model solves little: iteration 2 runs only if iteration 1's model got something right.
        var numbers = restem["iterations"]!.AsArray().Select(i => i!["iteration"]!.GetValue<int>()).ToArray();
        Assert.Equal(Enumerable.Range(1, numbers.Length), numbers);
        Assert.InRange(numbers.Length, 1, 2);
        Assert.Equal(1, Assert.Single(restem["per_seed"]!.AsArray())!["seed"]!.GetValue<int>());
        var eStep = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "seed-1", "restem", "iter-1", "samples", "e-step.jsonl")).Split('\n')[0])!;
        Assert.Equal("reused", eStep["samples"]![0]!["finish"]!.GetValue<string>());
        // Run again in the same directory: every stage is found done and the table is identical.
        var again = new Experiment(Tiny, run).Execute();
        static (double, double) Rounded(ResultRow r) => (Math.Round(r.Greedy, 6), Math.Round(r.MajK!.Value, 6));
        Assert.Equal(results.Rows.Select(Rounded), again.Rows.Select(Rounded));
    }

    /// <summary>SFT only (every later method off): the quickest whole experiment.</summary>
    private static ExperimentOptions SftOnly => Tiny with
    {
        Rft = Tiny.Rft with { Enabled = false },
        RestEm = Tiny.RestEm with { Enabled = false },
        Rerank = Tiny.Rerank with { Enabled = false },
        Multitask = Tiny.Multitask with { Enabled = false },
        Eval = Tiny.Eval.WithK(0),
    };

    [Fact]
    public void A_given_tokenizer_is_used_without_a_tokenizer_json_in_the_run()
    {
        // The bug: the SFT stage reloaded RUN/tokenizer.json, which is only written when the experiment trains its own.
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("experiment-tokenizer");
        var given = Path.Combine(dir, "given-tokenizer.json");
        var data = new Experiment(SftOnly, RunDirectory.Open(Path.Combine(dir, "probe"))).LoadData();
        Sift.Data.TokenizerTraining.OnProblems(data.Train, Sift.Data.PromptTemplate.Plain, 300).Save(given);
        var run = RunDirectory.Open(Path.Combine(dir, "run"));
        var results = new Experiment(SftOnly with { TokenizerPath = given }, run).Execute();
        Assert.Equal(["SFT"], results.Rows.Select(r => r.Method));
        Assert.False(File.Exists(Path.Combine(run.Root, "tokenizer.json")));
        var (model, tokenizer) = SavedModel.Load(Path.Combine(run.Root, "seed-1", "sft-a", "checkpoints", "final"));
        using (model) Assert.Equal(File.ReadAllText(given).Length, tokenizer.ToJson().Length);
    }

    [Fact]
    public void The_held_out_loss_uses_a_validation_split_of_the_training_distribution_not_test_problems()
    {
        var run = RunDirectory.Open(Sift.Tests.Training.Sft.SftTestData.TempDir("experiment-validation"));
        var data = new Experiment(Tiny, run).LoadData();
        Assert.Equal(8, data.Validation.Count);
        var test = data.Test.Select(p => p.Question).ToHashSet(StringComparer.Ordinal);
        var train = data.Train.Select(p => p.Question).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain(data.Validation, p => test.Contains(p.Question) || train.Contains(p.Question));
        // Train and test are exactly what the two-way split gives: adding a validation split changes neither.
        var twoWay = SyntheticMathTask.TrainTest(Tiny.Data.Synth.Seed, Tiny.Data.SynthTrain, Tiny.Data.SynthTest, Tiny.Data.Synth);
        Assert.Equal(twoWay.Train.Select(p => p.Question), data.Train.Select(p => p.Question));
        Assert.Equal(twoWay.Test.Select(p => p.Question), data.Test.Select(p => p.Question));
    }

    [Fact]
    public void Data_composition_is_opt_in_and_every_stage_is_listed_once()
    {
        Assert.False(new ExperimentOptions().Dmt.Enabled);
        Assert.True(ExperimentPresets.Demo().Dmt.Enabled);
        Assert.Equal(["sft", "rft", "restem", "rerank", "multitask"], Experiment.Stages.Select(s => s.Name));
        Assert.All(Experiment.Stages.Skip(1), s => Assert.False(s.IsEnabled(SftOnly)));
    }
}
