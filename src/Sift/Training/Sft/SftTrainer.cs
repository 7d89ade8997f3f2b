using System.Text.Json.Nodes;
using Sift.Model;
using Sift.Runs;
using Sift.Text;

namespace Sift.Training.Sft;

/// <summary>
/// Supervised fine-tuning: weighted next-token loss on response tokens only (<see cref="SftExample"/>),
/// length-bucketed batches (<see cref="SftBatchPlan"/>), warm-up + cosine learning rate, AdamW,
/// periodic held-out evaluation, resumable checkpoints in the run directory and a JSONL metrics log.
/// A run killed at any point and started again with the same inputs ends with the same weights,
/// bit for bit, as one that was never interrupted: the checkpoint holds weights, both AdamW moments
/// and the step count, and the data order is a pure function of (seed, epoch).
/// </summary>
public sealed class SftTrainer(TransformerModel model, BpeTokenizer tokenizer, SftOptions options)
{
    public TransformerModel Model { get; } = model;

    public BpeTokenizer Tokenizer { get; } = tokenizer;

    public SftOptions Options { get; } = options;

    /// <summary>Steps per epoch for <paramref name="exampleCount"/> examples.</summary>
    public int StepsPerEpoch(IReadOnlyList<SftExample> examples) =>
        SftBatchPlan.ForEpoch(examples.Select(e => e.InputLength).ToArray(), Options.BatchSize, Options.BucketWindow, Options.Seed, 0).Count;

    /// <summary>Total optimizer steps of a run over <paramref name="examples"/>.</summary>
    public int TotalSteps(IReadOnlyList<SftExample> examples) =>
        TrainingLoopTail.TotalSteps(Options.MaxSteps, Options.Epochs, StepsPerEpoch(examples));

    /// <summary>
    /// Trains <see cref="Model"/> in place. With a run directory it resumes from
    /// <c>checkpoints/last</c> when present, checkpoints every <see cref="SftOptions.CheckpointEvery"/>
    /// steps, logs to <c>log.jsonl</c> and saves the final model to <c>checkpoints/final</c>.
    /// Cancellation stops before the next step without saving (as a kill would).
    /// </summary>
    /// <param name="train">Training examples.</param>
    /// <param name="heldOut">Held-out examples for the evaluation loss (may be empty).</param>
    /// <param name="run">Run directory (null: no checkpoints, no log).</param>
    /// <param name="progress">Receives a report after every step.</param>
    /// <param name="evaluate">Extra periodic evaluation (e.g. greedy accuracy); its fields join the "eval" log record.</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    public SftResult Train(
        IReadOnlyList<SftExample> train,
        IReadOnlyList<SftExample>? heldOut = null,
        RunDirectory? run = null,
        IProgress<SftProgress>? progress = null,
        Func<long, JsonObject>? evaluate = null,
        CancellationToken cancellationToken = default)
    {
        Options.Validate();
        if (train.Count == 0) throw new ArgumentException("no training examples (every example may have been too long for the context)", nameof(train));
        heldOut ??= [];
        var lengths = train.Select(e => e.InputLength).ToArray();
        int stepsPerEpoch = SftBatchPlan.ForEpoch(lengths, Options.BatchSize, Options.BucketWindow, Options.Seed, 0).Count;
        int totalSteps = TrainingLoopTail.TotalSteps(Options.MaxSteps, Options.Epochs, stepsPerEpoch);
        int maxSeq = Math.Max(train.Max(e => e.InputLength), heldOut.Count > 0 ? heldOut.Max(e => e.InputLength) : 1);
        if (maxSeq > Model.Config.MaxPositionEmbeddings) throw new ArgumentException($"an example has {maxSeq} input tokens; the model's context is {Model.Config.MaxPositionEmbeddings}");
        var stepOptions = TrainStepOptions.WarmupCosine(Options.LearningRate, Options.MinLearningRateRatio, Options.WarmupFraction, Options.WeightDecay, Options.MaxGradNorm, totalSteps);
        var fingerprint = new JsonObject
        {
            ["seed"] = Options.Seed,
            ["total_steps"] = totalSteps,
            ["batch_size"] = Options.BatchSize,
            ["bucket_window"] = Options.BucketWindow,
            ["examples"] = train.Count,
            ["examples_hash"] = Fingerprint(train),
        };

        using var step = new TrainStep(Model, Options.BatchSize, maxSeq, stepOptions);
        var filler = new SftBatchFiller(Options.BatchSize, maxSeq, Tokenizer.PadId);
        long resumedFrom = 0;
        string? lastDir = run?.CheckpointDir("last");
        if (lastDir is not null && SftCheckpoint.Find(lastDir) is { } found)
        {
            SftCheckpoint.CheckCompatible(found, fingerprint);
            resumedFrom = SftCheckpoint.Restore(found, step);
        }
        using var log = run?.OpenLog();
        log?.Write("sft_start", new JsonObject
        {
            ["total_steps"] = totalSteps,
            ["steps_per_epoch"] = stepsPerEpoch,
            ["examples"] = train.Count,
            ["held_out"] = heldOut.Count,
            ["resumed_from"] = resumedFrom,
            ["parameters"] = Model.Parameters.ParameterCount,
        });

        var tail = new TrainingLoopTail(log, "sft", "train", logEpoch: true, totalSteps, stepsPerEpoch, resumedFrom, Options.LogEvery, Options.CheckpointEvery, lastDir);
        IReadOnlyList<int[]>? plan = null;
        int planEpoch = -1;
        long s = step.StepCount;
        double evalLoss = double.NaN;
        while (s < totalSteps)
        {
            if (tail.Cancelled(s, cancellationToken))
            {
                return new SftResult(false, s, resumedFrom, tail.LastLoss, double.NaN, tail.TokensPerSecond, tail.Elapsed);
            }
            int epoch = (int)(s / stepsPerEpoch);
            if (epoch != planEpoch)
            {
                plan = SftBatchPlan.ForEpoch(lengths, Options.BatchSize, Options.BucketWindow, Options.Seed, epoch);
                planEpoch = epoch;
            }
            var indices = plan![(int)(s % stepsPerEpoch)];
            var batch = filler.Fill(train, indices);
            var result = step.Run(batch);
            s = result.Step;
            foreach (var i in indices) tail.AddTokens(train[i].InputLength);
            bool last = tail.Record(result, progress);
            if ((Options.EvalEvery > 0 && s % Options.EvalEvery == 0) || last)
            {
                var record = new JsonObject { ["step"] = s };
                if (heldOut.Count > 0)
                {
                    evalLoss = HeldOutLoss(step, filler, heldOut);
                    record["eval_loss"] = Math.Round(evalLoss, 5);
                }
                if (evaluate is not null)
                {
                    foreach (var (k, v) in evaluate(s)) record[k] = v?.DeepClone();
                }
                log?.Write("eval", record);
            }
            tail.CheckpointIfDue(s, last, dir => SftCheckpoint.Save(dir, step, Tokenizer, (JsonObject)fingerprint.DeepClone()));
        }
        TrainingLoopTail.SaveFinal(run, Model, Tokenizer);
        if (double.IsNaN(evalLoss) && heldOut.Count > 0) evalLoss = HeldOutLoss(step, filler, heldOut);
        double tps = tail.End(s, logThroughput: true);
        return new SftResult(true, s, resumedFrom, tail.LastLoss, evalLoss, tps, tail.Elapsed);
    }

    /// <summary>Weighted mean loss over <paramref name="examples"/> (forward only; the weights are not touched).</summary>
    public static double HeldOutLoss(TrainStep step, SftBatchFiller filler, IReadOnlyList<SftExample> examples)
    {
        var order = Enumerable.Range(0, examples.Count).OrderBy(i => examples[i].InputLength).ToArray();
        double num = 0, den = 0;
        for (int start = 0; start < order.Length; start += filler.MaxBatch)
        {
            var idx = order.AsSpan(start, Math.Min(filler.MaxBatch, order.Length - start));
            var mb = filler.Fill(examples, idx);
            double w = 0;
            for (int i = 0; i < mb.Batch * mb.Seq; i++) w += mb.Weights[i];
            if (w == 0) continue;
            num += step.Graph.Loss(mb.Tokens, mb.Targets, mb.Weights, mb.Batch, mb.Seq) * w;
            den += w;
        }
        return den > 0 ? num / den : double.NaN;
    }

    /// <summary>FNV-1a over every example's tokens and boundary: resuming with different data is refused.</summary>
    private static string Fingerprint(IReadOnlyList<SftExample> examples)
    {
        ulong h = 14695981039346656037UL;
        foreach (var e in examples)
        {
            h = (h ^ (uint)e.PromptLength) * 1099511628211UL;
            foreach (var t in e.Tokens) h = (h ^ (uint)t) * 1099511628211UL;
            h = (h ^ 0xFFFFFFFFu) * 1099511628211UL;
        }
        return h.ToString("x16");
    }
}
