using Sift.Eval;
using System.Globalization;
using System.Text.Json.Nodes;
using Sift.IO;
using Sift.Model;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Training.Sft;
using Sift.Model.Sampling;

namespace Sift.Pipelines.Sweeps;

/// <summary>A finished training job of a trial: the model (the caller disposes it) and its losses.</summary>
public sealed record TrialTraining(TransformerModel Model, double FinalLoss, double HeldOutLoss, long Steps);

/// <summary>
/// The building blocks trials share: resumable training (over <see cref="SftJob"/>) whose losses are
/// kept in <c>training.json</c> so a finished job is loaded rather than redone, greedy evaluation
/// cached in <c>eval.json</c>, and the training budget of a point.
/// </summary>
public static class SweepTraining
{
    private const string TrainingFile = "training.json";
    private const string EvalFile = "eval.json";

    /// <summary>
    /// The SFT settings of one job at this point: the experiment's (or <paramref name="training"/>),
    /// seeded by <paramref name="stream"/> from the point's seed, with the sweep's budget applied
    /// (<see cref="SweepBudget.Steps"/>: the steps the full training set would take).
    /// </summary>
    public static SftOptions Options(SweepTrialContext context, string stream, SftOptions? training = null)
    {
        var s = (training ?? context.Experiment.Sft) with { Seed = SeedDerivation.DeriveSeed(context.Point.Seed, stream) };
        if (context.Sweep.Budget == SweepBudget.Steps && s.MaxSteps == 0)
        {
            int perEpoch = (context.FullTrain.Count + s.BatchSize - 1) / s.BatchSize;
            s = s with { MaxSteps = Math.Max(1, (int)Math.Ceiling(s.Epochs * perEpoch)) };
        }
        return s;
    }

    /// <summary>
    /// Trains a fresh model (init seed from <paramref name="initStream"/>) in <paramref name="dir"/>,
    /// or loads it when the job already finished there; an unfinished job resumes from its last
    /// checkpoint. Cancellation throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public static TrialTraining TrainOrLoad(SweepTrialContext context, RunDirectory dir, string label, string initStream, IReadOnlyList<(string Question, string Response)> pairs, SftOptions options, CancellationToken ct)
    {
        var finalDir = dir.CheckpointDir("final");
        var donePath = Path.Combine(dir.Root, TrainingFile);
        if (SavedModel.IsComplete(finalDir) && File.Exists(donePath))
        {
            var done = JsonNode.Parse(File.ReadAllText(donePath))!.AsObject();
            var (loaded, _) = SavedModel.Load(finalDir);
            context.Reporter.Info($"{label}: already trained");
            return new TrialTraining(loaded, Number(done["final_loss"]), Number(done["held_out_loss"]), done["steps"]!.GetValue<long>());
        }
        context.Reporter.Stage($"{label} ({pairs.Count} examples)");
        var config = context.Experiment.Model.ToConfig(context.Tokenizer.VocabSize, context.Tokenizer.BosId, context.Tokenizer.EosId);
        var (model, result) = SftJob.Train(dir, config, SeedDerivation.DeriveSeed(context.Point.Seed, initStream), null, context.Tokenizer, context.Template, pairs, context.HeldOut, options, context.Reporter.Training(label), null, ct);
        if (!result.Completed)
        {
            model.Dispose();
            throw new OperationCanceledException($"{label}: cancelled at step {result.Steps}; run again with the same --out to resume");
        }
        // A job killed after its last checkpoint but before training.json resumes with no step left
        // to run, so its last window's loss comes from the log instead.
        double finalLoss = double.IsNaN(result.FinalLoss) ? LastLoggedLoss(dir) : result.FinalLoss;
        AtomicFile.WriteAllText(donePath, new JsonObject
        {
            ["final_loss"] = Finite(finalLoss),
            ["held_out_loss"] = Finite(result.EvalLoss),
            ["steps"] = result.Steps,
        }.ToJsonString() + "\n");
        context.Reporter.Info(string.Format(CultureInfo.InvariantCulture, "{0}: {1} steps, loss {2:F3}, held-out loss {3:F3}, {4:F1} s",
            label, result.Steps, finalLoss, result.EvalLoss, result.Elapsed.TotalSeconds));
        return new TrialTraining(model, finalLoss, result.EvalLoss, result.Steps);
    }

    /// <summary>Greedy accuracy on the test set, computed once per directory (cached in eval.json).</summary>
    public static double EvaluateGreedy(SweepTrialContext context, RunDirectory dir, string label, TransformerModel model, CancellationToken ct)
    {
        var path = Path.Combine(dir.Root, EvalFile);
        if (File.Exists(path) && JsonNode.Parse(File.ReadAllText(path))?["greedy"] is JsonValue cached) return cached.GetValue<double>();
        context.Reporter.Stage(label);
        var e = context.Experiment;
        var options = (e.Eval with { Greedy = true }).WithK(0).WithLimits(e.MaxNewTokens, e.SampleBatch).WithDecoding(d => d with { Seed = SeedDerivation.DeriveSeed(context.Point.Seed, "eval") });
        var report = new EvalRunner(model, context.Tokenizer, context.Template).Run(context.Test, options, dir.SamplesFile("test-greedy.jsonl"), context.Reporter.Sampling(label), ct);
        AtomicFile.WriteAllText(path, report.ToJson().ToJsonString() + "\n");
        context.Reporter.Info($"{label}: {report.Summary()}");
        return report.GreedyAccuracy ?? 0;
    }

    /// <summary>The loss of the last "train" record in a run's log (NaN when there is none).</summary>
    public static double LastLoggedLoss(RunDirectory dir)
    {
        var last = MetricsLog.ReadAll(dir.LogPath).LastOrDefault(r => r["event"]?.GetValue<string>() == "train");
        return last?["loss"] is JsonValue v ? v.GetValue<double>() : double.NaN;
    }

    /// <summary>A JSON number, or null for NaN/∞ (JSON has no NaN).</summary>
    public static JsonNode? Finite(double v) => double.IsFinite(v) ? JsonValue.Create(Math.Round(v, 6)) : null;

    /// <summary>Reads a number written by <see cref="Finite"/> (null → NaN).</summary>
    public static double Number(JsonNode? node) => node is JsonValue v ? v.GetValue<double>() : double.NaN;
}
