using System.Text.Json.Nodes;
using Sift.Data.Synthetic;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Training.Sft;
using Sift.Model;

namespace Sift.Tests.Pipelines;

public sealed class ExperimentTests
{
    private static ExperimentOptions Tiny => new()
    {
        Name = "tiny",
        Seeds = [1],
        Data = new DataOptions { SynthTrain = 24, SynthTest = 12, Synth = new SynthOptions { MaxSteps = 2, MaxNumber = 9, MaxResult = 100, Seed = 2 } },
        VocabSize = 300,
        Model = new ModelShape { Hidden = 32, Layers = 1, Heads = 2, KeyValueHeads = 2, Intermediate = 64, Context = 128 },
        Sft = new SftOptions { MaxSteps = 4, BatchSize = 8, LearningRate = 3e-3, CheckpointEvery = 2 },
        Rft = new RftStageOptions { K = 2, Union = true },
        RestEm = new RestEmStageOptions { Iterations = 2, K = 2, TopK = 0, Training = new SftOptions { MaxSteps = 2, BatchSize = 8, CheckpointEvery = 0 } },
        Eval = new Sift.Eval.EvalOptions { K = 2 },
        Rerank = new RerankStageOptions { N = 2, TestProblems = 6, Evaluator = new() { MaxSteps = 2, PairsPerStep = 2 } },
        Multitask = new MultitaskStageOptions { Generation = new SftOptions { MaxSteps = 2, BatchSize = 8, CheckpointEvery = 0 }, Evaluation = new SftOptions { MaxSteps = 2, BatchSize = 8, CheckpointEvery = 0 } },
        DmtEnabled = false, // the data-composition study has its own end-to-end test (Methods/Dmt)
        SampleBatch = 16,
        MaxNewTokens = 24,
    };

    [Fact]
    public void Every_stage_runs_and_results_json_has_the_promised_shape_and_a_rerun_resumes()
    {
        var dir = Sift.Tests.Sft.SftTestData.TempDir("experiment");
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
}
