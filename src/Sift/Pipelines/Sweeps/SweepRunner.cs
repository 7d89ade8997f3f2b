using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.IO;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Text;
using Sift.Training;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// Runs a sweep into a run directory: the data and tokenizer once (RUN/tokenizer.json), then every
/// grid point as a trial in RUN/trials/&lt;name&gt;/ (trial.json: what it is; results.json: what it
/// measured), and RUN/results.json rewritten after each trial. A trial with results.json is
/// skipped, an unfinished one resumes (training from its last checkpoint), and a trial directory
/// made with other settings is refused rather than silently mixed in.
/// </summary>
public sealed class SweepRunner(SweepOptions options, RunDirectory run, IProgressReporter? reporter = null, SweepTrials? trials = null)
{
    private readonly IProgressReporter _report = reporter ?? IProgressReporter.Silent;
    private readonly SweepTrials _trials = trials ?? SweepTrials.Default;

    public SweepOptions Options { get; } = options;

    public RunDirectory Run { get; } = run;

    /// <summary>Runs (or resumes) every trial and writes RUN/results.json.</summary>
    public SweepResults Execute(CancellationToken cancellationToken = default)
    {
        var clock = Stopwatch.StartNew();
        var trial = _trials.Get(Options.Trial);
        var experiment = Options.Experiment;
        var template = PromptTemplate.ByName(experiment.Template);
        _report.Stage("data");
        // The held-out loss is measured on a validation split of the training distribution, never on test problems.
        var (train, test, validation) = new Experiment(experiment with { Data = experiment.Data with { Validation = Options.HeldOut } }, Run, _report).LoadData();
        if (train.Count == 0 || test.Count == 0) throw new InvalidOperationException($"the sweep needs training and test problems (got {train.Count} and {test.Count})");
        var points = SweepGrid.Expand(Options, train.Count);
        _report.Info($"{train.Count} training problems, {test.Count} test problems; {points.Count} trials ({Options.Trial})");
        var tokenizer = LoadOrTrainTokenizer(train, template);
        var heldOut = validation.Where(p => p.Solution.Length > 0).Select(p => (p.Question, p.Solution)).ToArray();
        var shared = Run.Child("shared");
        var done = new List<SweepTrialResult>();
        foreach (var point in points)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var dir = Run.Child(Path.Combine("trials", point.Name));
            var trialExperiment = experiment with { Model = point.Model.Shape };
            CheckOrWriteIdentity(dir, point, trialExperiment);
            var finished = ReadFinished(dir, point);
            if (finished is not null)
            {
                _report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: done (accuracy {1:P1})", point.Name, finished.Outcome.Accuracy));
                done.Add(finished);
            }
            else
            {
                var trialClock = Stopwatch.StartNew();
                var context = new SweepTrialContext(point, Options, trialExperiment, dir, shared, train, train.Take(point.Amount).ToArray(), test, heldOut, tokenizer, template, _report);
                // Rounded as results.json stores it, so a skipped trial reads back exactly what a fresh one reports.
                var outcome = Rounded(trial.Run(context, cancellationToken));
                var result = new SweepTrialResult(point, outcome, trialClock.Elapsed.TotalSeconds);
                WriteFinished(dir, result);
                _report.Info(string.Format(CultureInfo.InvariantCulture, "{0}: accuracy {1:P1}, final loss {2:F4}, held-out loss {3:F4} ({4:F0} s)",
                    point.Name, outcome.Accuracy, outcome.FinalLoss, outcome.HeldOutLoss, result.Seconds));
                done.Add(result);
            }
            Run.WriteResults(SweepResults.Build(Options, train.Count, test.Count, done, clock.Elapsed.TotalSeconds).ToJson());
        }
        var results = SweepResults.Build(Options, train.Count, test.Count, done, clock.Elapsed.TotalSeconds);
        Run.WriteResults(results.ToJson());
        using (var log = Run.OpenLog())
        {
            log.Write("sweep_end", new JsonObject { ["trials"] = done.Count, ["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 1) });
        }
        return results;
    }

    private BpeTokenizer LoadOrTrainTokenizer(IReadOnlyList<MathProblem> train, PromptTemplate template)
    {
        var e = Options.Experiment;
        if (e.TokenizerPath is not null) return BpeTokenizer.Load(e.TokenizerPath);
        var path = Path.Combine(Run.Root, "tokenizer.json");
        if (File.Exists(path)) return BpeTokenizer.Load(path);
        // One tokenizer, trained on the FULL training set, for every trial: the fractions then
        // differ only in the data they fine-tune on, not in how the text is cut into tokens.
        _report.Stage($"tokenizer (BPE, {e.VocabSize} tokens)");
        var tokenizer = TokenizerTraining.OnProblems(train, template, e.VocabSize);
        tokenizer.Save(path);
        return tokenizer;
    }

    /// <summary>trial.json: the point and every setting its result depends on; a rerun must match it.</summary>
    private void CheckOrWriteIdentity(RunDirectory dir, SweepPoint point, ExperimentOptions trialExperiment)
    {
        var identity = new JsonObject
        {
            ["kind"] = Options.Trial,
            ["point"] = point.ToJson(),
            ["budget"] = Options.Budget.ToString().ToLowerInvariant(),
            ["held_out"] = Options.HeldOut,
            ["max_rft_k"] = Options.RftKs?.Max(),
            // Name and seed list do not change a trial (its seed is in the point).
            ["experiment"] = ExperimentConfig.ToYaml(trialExperiment with { Name = "sweep", Seeds = [point.Seed] }),
        };
        var path = Path.Combine(dir.Root, "trial.json");
        var text = identity.ToJsonString() + "\n";
        if (File.Exists(path))
        {
            if (File.ReadAllText(path) != text)
            {
                throw new InvalidOperationException($"{dir.Root}: this trial was started with other settings (trial.json differs); use another --out, or delete the trial directory to redo it");
            }
            return;
        }
        AtomicFile.WriteAllText(path, text);
    }

    private static SweepTrialOutcome Rounded(SweepTrialOutcome o) => o with
    {
        Accuracy = Math.Round(o.Accuracy, 6),
        FinalLoss = SweepTraining.Number(SweepTraining.Finite(o.FinalLoss)),
        HeldOutLoss = SweepTraining.Number(SweepTraining.Finite(o.HeldOutLoss)),
    };

    private static SweepTrialResult? ReadFinished(RunDirectory dir, SweepPoint point)
    {
        if (dir.ReadResults() is not JsonObject r || r["accuracy"] is not JsonValue accuracy) return null;
        var outcome = new SweepTrialOutcome(accuracy.GetValue<double>(), SweepTraining.Number(r["final_loss"]), SweepTraining.Number(r["held_out_loss"]), r["details"]?.DeepClone() as JsonObject);
        return new SweepTrialResult(point, outcome, SweepTraining.Number(r["seconds"]));
    }

    private void WriteFinished(RunDirectory dir, SweepTrialResult result) => dir.WriteResults(new JsonObject
    {
        ["trial"] = Options.Trial,
        ["point"] = result.Point.ToJson(),
        ["accuracy"] = Math.Round(result.Outcome.Accuracy, 6),
        ["final_loss"] = SweepTraining.Finite(result.Outcome.FinalLoss),
        ["held_out_loss"] = SweepTraining.Finite(result.Outcome.HeldOutLoss),
        ["seconds"] = Math.Round(result.Seconds, 1),
        ["details"] = result.Outcome.Details?.DeepClone(),
    });
}
