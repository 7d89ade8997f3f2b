using System.Text.Json.Nodes;
using Sift.Eval;
using Sift.Pipelines.Sweeps;
using Sift.Methods.Dmt;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Training.Sft;
using Sift.Training;
using Sift.Inference;

namespace Sift.Tests.Pipelines.Sweeps;

public sealed class SweepRunnerTests
{
    private const string TinyExperiment = """
        seeds: [1]
        vocab_size: 300
        sample_batch: 16
        max_new_tokens: 24
        data:
          synth: {train: 24, test: 12, max_steps: 2, max_number: 9, max_result: 100, seed: 2}
        model: {hidden: 32, layers: 1, heads: 2, kv_heads: 2, intermediate: 64, context: 128}
        sft: {epochs: 1, batch_size: 8, lr: 0.003, checkpoint_every: 1, log_every: 1}
        rft: {temperature: 1.0}
        """;

    private static (SweepOptions Options, string Dir) Tiny(string sweepYaml)
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("sweep");
        File.WriteAllText(Path.Combine(dir, "exp.yaml"), TinyExperiment);
        File.WriteAllText(Path.Combine(dir, "sweep.yaml"), sweepYaml);
        return (SweepConfig.Load(Path.Combine(dir, "sweep.yaml")), dir);
    }

    [Fact]
    public void A_tiny_sft_sweep_writes_the_promised_json_and_a_rerun_skips_finished_trials()
    {
        var (options, dir) = Tiny("experiment: exp.yaml\nheld_out: 8\naxes:\n  data_fraction: [1/4, 1/2, 1]\n");
        var run = RunDirectory.Open(Path.Combine(dir, "run"));
        var first = new SweepRunner(options, run).Execute();
        Assert.Equal([6, 12, 24], first.Points.Select(p => p.Point.Amount));

        var json = JsonNode.Parse(File.ReadAllText(run.ResultsPath))!["sweep"]!.AsObject();
        Assert.Equal("data_fraction", json["axis"]!.GetValue<string>());
        var points = json["points"]!.AsArray();
        Assert.Equal(3, points.Count);
        foreach (var node in points)
        {
            var p = node!.AsObject();
            Assert.InRange(p["accuracy"]!.GetValue<double>(), 0, 1);
            Assert.True(p["final_loss"]!.GetValue<double>() > 0);
            Assert.True(p["held_out_loss"]!.GetValue<double>() > 0);
            Assert.Equal("base", p["model"]!.GetValue<string>());
            Assert.Equal(1, p["seed"]!.GetValue<int>());
            Assert.True(File.Exists(Path.Combine(run.Root, "trials", p["name"]!.GetValue<string>(), "results.json")));
            Assert.True(SavedModel.IsComplete(Path.Combine(run.Root, "trials", p["name"]!.GetValue<string>(), "checkpoints", "final")));
        }
        Assert.Equal([0.25, 0.5, 1.0], points.Select(p => p!["fraction"]!.GetValue<double>()));
        var fit = Assert.Single(json["fits"]!.AsArray())!.AsObject();
        Assert.Equal(("amount", "log_linear", "model=base", 3), (fit["x"]!.GetValue<string>(), fit["kind"]!.GetValue<string>(), fit["group"]!.GetValue<string>(), fit["n"]!.GetValue<int>()));
        Assert.InRange(fit["r2"]!.GetValue<double>(), 0, 1);
        // More data, more steps (fixed epochs): the final training loss falls with the amount.
        Assert.True(first.Points[2].Outcome.FinalLoss < first.Points[0].Outcome.FinalLoss);

        // Rerun: every trial is found finished; nothing trains or evaluates.
        var log = new RecordingReporter();
        var again = new SweepRunner(options, run, log).Execute();
        Assert.DoesNotContain(log.Stages, s => s.Contains("SFT", StringComparison.Ordinal) || s.Contains("evaluate", StringComparison.Ordinal));
        Assert.Equal(3, log.Infos.Count(i => i.Contains(": done (accuracy", StringComparison.Ordinal)));
        Assert.Equal(first.Points.Select(p => p.Outcome), again.Points.Select(p => p.Outcome));

        // A trial stopped after training (no eval, no results) is evaluated from its saved model, to the same numbers.
        var middle = Path.Combine(run.Root, "trials", first.Points[1].Point.Name);
        File.Delete(Path.Combine(middle, "results.json"));
        File.Delete(Path.Combine(middle, "eval.json"));
        var resumeLog = new RecordingReporter();
        var resumed = new SweepRunner(options, run, resumeLog).Execute();
        Assert.Contains(resumeLog.Infos, i => i.Contains("already trained", StringComparison.Ordinal));
        Assert.Single(resumeLog.Stages, s => s.Contains("evaluate", StringComparison.Ordinal));
        Assert.Equal(first.Points.Select(p => p.Outcome), resumed.Points.Select(p => p.Outcome));

        // The same sweep in a fresh directory gives the same numbers (deterministic per seed).
        var fresh = new SweepRunner(options, RunDirectory.Open(Path.Combine(dir, "run2"))).Execute();
        Assert.Equal(first.Points.Select(p => p.Outcome), fresh.Points.Select(p => p.Outcome));

        // Other settings in the same run directory are refused, not mixed in.
        var changed = options with { HeldOut = 4 };
        var error = Assert.Throws<InvalidOperationException>(() => new SweepRunner(changed, run).Execute());
        Assert.Contains("other settings", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_interrupted_training_job_resumes_from_its_checkpoint_to_the_same_result()
    {
        var (options, dir) = Tiny("experiment: exp.yaml\nheld_out: 8\naxes:\n  data_fraction: [1]\n");
        options = options with { Experiment = options.Experiment with { Sft = options.Experiment.Sft with { Epochs = 2 } } };
        var whole = new SweepRunner(options, RunDirectory.Open(Path.Combine(dir, "whole"))).Execute();

        var run = RunDirectory.Open(Path.Combine(dir, "stopped"));
        using (var cts = new CancellationTokenSource())
        {
            var stopper = new RecordingReporter { OnStep = p => { if (p.Step == 2) cts.Cancel(); } };
            Assert.ThrowsAny<OperationCanceledException>(() => new SweepRunner(options, run, stopper).Execute(cts.Token));
        }
        var trial = Path.Combine(run.Root, "trials", whole.Points[0].Point.Name);
        Assert.False(File.Exists(Path.Combine(trial, "results.json")));
        var resumed = new SweepRunner(options, run).Execute();
        Assert.Contains(MetricsLog.ReadAll(Path.Combine(trial, "log.jsonl")), r => r["event"]!.GetValue<string>() == "sft_start" && r["resumed_from"]!.GetValue<long>() == 2);
        Assert.Equal(whole.Points[0].Outcome.Accuracy, resumed.Points[0].Outcome.Accuracy);
        Assert.Equal(whole.Points[0].Outcome.HeldOutLoss, resumed.Points[0].Outcome.HeldOutLoss);
    }

    [Fact]
    public void A_tiny_rft_sweep_shares_one_sft_model_and_one_sample_file_across_k()
    {
        var (options, dir) = Tiny("experiment: exp.yaml\ntrial: rft\nheld_out: 8\naxes:\n  rft_k: [1, 2]\n");
        var run = RunDirectory.Open(Path.Combine(dir, "run"));
        var results = new SweepRunner(options, run).Execute();
        Assert.Equal("rft_k", results.Axis);
        Assert.Equal([1.0, 2.0], results.Points.Select(p => p.Point.K!.Value));
        Assert.All(results.Points, p => Assert.InRange(p.Outcome.Details!["sft_accuracy"]!.GetValue<double>(), 0, 1));
        // Nested sets: k = 2 keeps at least the pairs of k = 1.
        Assert.True(results.Points[1].Outcome.Details!["rft_pairs"]!.GetValue<int>() >= results.Points[0].Outcome.Details!["rft_pairs"]!.GetValue<int>());
        var shared = Assert.Single(Directory.GetDirectories(Path.Combine(run.Root, "shared"), "sft-*"));
        Assert.Equal(["train-k2.jsonl"], Directory.GetFiles(Path.Combine(shared, "samples"), "train-*").Select(Path.GetFileName));
    }

    [Fact]
    public void Trial_kinds_are_looked_up_by_name_and_a_registered_one_replaces_the_default()
    {
        Assert.Contains("trial kind 'chess' is not available in this build (available: dmt, rft, sft)", Assert.Throws<InvalidOperationException>(() => SweepTrials.Default.Get("chess")).Message, StringComparison.Ordinal);
        var (options, dir) = Tiny("experiment: exp.yaml\ntrial: dmt\n");
        var fake = new FixedTrial();
        var results = new SweepRunner(options, RunDirectory.Open(Path.Combine(dir, "run2")), trials: SweepTrials.Default.With(fake)).Execute();
        Assert.Equal(0.0625, Assert.Single(results.Points).Point.MixK);
        Assert.Equal(0.5, results.Points[0].Outcome.Accuracy);
    }

    [Fact]
    public void A_tiny_dmt_sweep_runs_one_dmt_study_per_mixture_k_and_shares_stage_one()
    {
        var (options, dir) = Tiny("experiment: exp.yaml\ntrial: dmt\naxes:\n  mix_k: [1/4, 1]\n");
        // The study's own options; template, vocabulary, SFT (1 epoch, batch 8) and sample batch are the experiment's.
        var template = new DmtOptions
        {
            Sources = [new MixtureSource("math") { Train = 24, Test = 4 }, new MixtureSource("general") { Train = 24, Test = 4 }],
            Epochs = null,
            GeneralStageEpochs = 1,
            MaxNewTokens = 8,
        };
        var run = RunDirectory.Open(Path.Combine(dir, "run"));
        var results = new SweepRunner(options, run, trials: SweepTrials.Default.With(new DmtSweepTrial(template))).Execute();
        Assert.Equal("mix_k", results.Axis);
        Assert.Equal([0.25, 1.0], results.Points.Select(p => p.Point.MixK!.Value));
        foreach (var p in results.Points)
        {
            Assert.Equal(p.Outcome.Details!["math"]!.GetValue<double>(), p.Outcome.Accuracy);
            Assert.InRange(p.Outcome.Details!["general"]!.GetValue<double>(), 0, 1);
        }
        // One stage-1 training (math + general is the only specialised mix here) serves both k.
        var stageLogs = Directory.GetFiles(Path.Combine(run.Root, "shared", "dmt"), "log.jsonl", SearchOption.AllDirectories);
        Assert.Equal(3, stageLogs.Length); // stage 1 once, stage 2 for each k
    }

    /// <summary>A stand-in for the DMT trial: shows that a registered kind runs through the same runner.</summary>
    private sealed class FixedTrial : ISweepTrial
    {
        public string Kind => "dmt";

        public SweepTrialOutcome Run(SweepTrialContext context, CancellationToken cancellationToken) => new(0.5, 1.0, 1.1);
    }

    private sealed class RecordingReporter : IProgressReporter
    {
        public List<string> Stages { get; } = [];
        public List<string> Infos { get; } = [];
        public Action<SftProgress>? OnStep { get; init; }

        public void Stage(string title) => Stages.Add(title);
        public void Info(string message) => Infos.Add(message);
        public IProgress<SftProgress>? Training(string label) => OnStep is null ? null : new Sink(OnStep);
        public IProgress<SamplingProgress>? Sampling(string label) => null;

        private sealed class Sink(Action<SftProgress> action) : IProgress<SftProgress>
        {
            public void Report(SftProgress value) => action(value);
        }
    }
}
