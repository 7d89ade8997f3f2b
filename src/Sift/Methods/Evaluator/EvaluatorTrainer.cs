using System.Text.Json.Nodes;
using Sift.IO;
using Sift.Model;
using Sift.Model.Sampling;
using Sift.Runs;
using Sift.Text;
using Sift.Training;
using Sift.Training.Sft;

namespace Sift.Methods.Evaluator;

/// <summary>
/// Fine-tunes a model as a solution evaluator (Liu et al. 2023, §3.2) on an <see cref="EvaluatorDataset"/>:
/// each step takes <see cref="EvaluatorTrainOptions.PairsPerStep"/> (X⁺, X⁻) pairs, right-pads the
/// 2·P inputs to the longest, runs the graph's caller-supplied-loss path
/// (<see cref="TrainingGraph.ForwardBackward(ReadOnlySpan{int}, int, int, TrainingGraph.LogitLoss)"/>)
/// with <see cref="EvaluatorBatchLoss"/> reading the label logits at each row's last input token, then
/// clipping, warm-up + cosine learning rate and AdamW (<see cref="TrainStep"/>). The pair order of
/// epoch e is a seeded permutation, a pure function of (seed, e), so a run resumed from
/// <c>checkpoints/last</c> ends with the same weights as one never interrupted. The final model goes to
/// <c>checkpoints/final</c> (<see cref="SavedModel"/>). The step loop reuses its buffers.
/// </summary>
public sealed class EvaluatorTrainer(TransformerModel model, BpeTokenizer tokenizer, EvaluatorTrainOptions options)
{
    public TransformerModel Model { get; } = model;

    public BpeTokenizer Tokenizer { get; } = tokenizer;

    public EvaluatorTrainOptions Options { get; } = options;

    /// <summary>Optimizer steps per pass over <paramref name="pairs"/> pairs.</summary>
    public int StepsPerEpoch(int pairs) => (pairs + Options.PairsPerStep - 1) / Options.PairsPerStep;

    /// <summary>Trains <see cref="Model"/> in place (resuming from <c>run/checkpoints/last</c> when present).</summary>
    public EvaluatorTrainResult Train(EvaluatorDataset data, RunDirectory? run = null, IProgress<SftProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(data);
        Options.Validate();
        if (data.Pairs.Count == 0) throw new ArgumentException("no (correct, incorrect) pairs to train on: every problem's samples were all correct or all incorrect", nameof(data));
        var encoding = new EvaluatorEncoding(Tokenizer, Model.Config.MaxPositionEmbeddings);
        int pairsPerStep = Math.Min(Options.PairsPerStep, data.Pairs.Count);
        int stepsPerEpoch = StepsPerEpoch(data.Pairs.Count);
        int totalSteps = TrainingLoopTail.TotalSteps(Options.MaxSteps, Options.Epochs, stepsPerEpoch);
        int maxSeq = data.Examples.Max(e => e.Input.Length);
        if (maxSeq > Model.Config.MaxPositionEmbeddings) throw new ArgumentException($"an evaluator input has {maxSeq} tokens; the model's context is {Model.Config.MaxPositionEmbeddings}");
        var stepOptions = TrainStepOptions.WarmupCosine(Options.LearningRate, Options.MinLearningRateRatio, Options.WarmupFraction, Options.WeightDecay, Options.MaxGradNorm, totalSteps);
        var fingerprint = new JsonObject
        {
            ["seed"] = Options.Seed,
            ["total_steps"] = totalSteps,
            ["pairs_per_step"] = pairsPerStep,
            ["objective"] = Options.Objective.ToString(),
            ["margin"] = Options.Margin,
            ["pairs"] = data.Pairs.Count,
            ["examples_hash"] = Fingerprint(data),
        };

        int rows = 2 * pairsPerStep;
        using var step = new TrainStep(Model, rows, maxSeq, stepOptions);
        var loss = new EvaluatorBatchLoss(rows, encoding.CorrectId, encoding.IncorrectId, Options.Objective, Options.Margin);
        TrainingGraph.LogitLoss lossFunction = loss.Compute;
        var tokens = new int[rows * maxSeq];
        var labelPositions = new int[rows];
        var order = new int[data.Pairs.Count];

        long resumedFrom = 0;
        string? lastDir = run?.CheckpointDir("last");
        string? fingerprintPath = run is null ? null : Path.Combine(run.Root, "evaluator_train.json");
        if (lastDir is not null && File.Exists(Path.Combine(lastDir, TrainStepCheckpoint.StateFile)))
        {
            var saved = File.Exists(fingerprintPath) ? File.ReadAllText(fingerprintPath!).Trim() : null;
            if (saved != fingerprint.ToJsonString())
            {
                throw new InvalidOperationException($"{lastDir}: the checkpoint was made with other data or settings ({fingerprintPath}: {saved ?? "missing"}); use a new output directory");
            }
            resumedFrom = TrainStepCheckpoint.Load(lastDir, step).Step;
        }
        if (fingerprintPath is not null) AtomicFile.WriteAllText(fingerprintPath, fingerprint.ToJsonString() + "\n");
        using var log = run?.OpenLog();
        log?.Write("evaluator_start", new JsonObject
        {
            ["total_steps"] = totalSteps,
            ["steps_per_epoch"] = stepsPerEpoch,
            ["data"] = data.StatisticsJson(),
            ["objective"] = Options.Objective.ToString(),
            ["margin"] = Options.Margin,
            ["resumed_from"] = resumedFrom,
        });

        var tail = new TrainingLoopTail(log, "evaluator", "evaluator_train", logEpoch: false, totalSteps, stepsPerEpoch, resumedFrom, Options.LogEvery, Options.CheckpointEvery, lastDir);
        int planEpoch = -1;
        long s = step.StepCount;
        while (s < totalSteps)
        {
            if (tail.Cancelled(s, cancellationToken))
            {
                return new EvaluatorTrainResult(false, s, resumedFrom, tail.LastLoss, tail.Elapsed);
            }
            int epoch = (int)(s / stepsPerEpoch);
            if (epoch != planEpoch)
            {
                EpochOrder(order, Options.Seed, epoch);
                planEpoch = epoch;
            }
            int first = (int)(s % stepsPerEpoch) * pairsPerStep;
            int count = Math.Min(pairsPerStep, order.Length - first);
            int seq = 0;
            for (int p = 0; p < count; p++)
            {
                var pair = data.Pairs[order[first + p]];
                seq = Math.Max(seq, Math.Max(data.Examples[pair.Positive].Input.Length, data.Examples[pair.Negative].Input.Length));
            }
            int batch = 2 * count;
            for (int p = 0; p < count; p++)
            {
                var pair = data.Pairs[order[first + p]];
                labelPositions[2 * p] = Fill(tokens.AsSpan(2 * p * seq, seq), data.Examples[pair.Positive].Input);
                labelPositions[(2 * p) + 1] = Fill(tokens.AsSpan(((2 * p) + 1) * seq, seq), data.Examples[pair.Negative].Input);
                tail.AddTokens(data.Examples[pair.Positive].Input.Length + data.Examples[pair.Negative].Input.Length);
            }
            loss.SetRows(labelPositions.AsSpan(0, batch));
            var result = step.Run(tokens.AsSpan(0, batch * seq), batch, seq, lossFunction);
            s = result.Step;
            bool last = tail.Record(result, progress);
            tail.CheckpointIfDue(s, last, dir => TrainStepCheckpoint.Save(dir, step, new TrainingPosition(s, s * pairsPerStep, Options.Seed), Tokenizer.ToJson()));
        }
        TrainingLoopTail.SaveFinal(run, Model, Tokenizer);
        tail.End(s, logThroughput: false);
        return new EvaluatorTrainResult(true, s, resumedFrom, tail.LastLoss, tail.Elapsed);
    }

    /// <summary>Copies <paramref name="input"/> into a row, right-padding with PAD; returns the label position.</summary>
    private int Fill(Span<int> row, int[] input)
    {
        input.CopyTo(row);
        row[input.Length..].Fill(Tokenizer.PadId);
        return input.Length - 1;
    }

    /// <summary>Epoch <paramref name="epoch"/>'s pair order: a Fisher–Yates permutation seeded by (seed, epoch).</summary>
    private static void EpochOrder(int[] order, ulong seed, int epoch)
    {
        for (int i = 0; i < order.Length; i++) order[i] = i;
        var rng = Xoshiro256StarStar.ForStream(seed, $"evaluator-epoch/{epoch}");
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = rng.NextInt(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    /// <summary>FNV-1a over every example's tokens and label: resuming with different data is refused.</summary>
    private static string Fingerprint(EvaluatorDataset data)
    {
        ulong h = 14695981039346656037UL;
        foreach (var e in data.Examples)
        {
            h = (h ^ (e.IsCorrect ? 1u : 2u)) * 1099511628211UL;
            foreach (var t in e.Input) h = (h ^ (uint)t) * 1099511628211UL;
            h = (h ^ 0xFFFFFFFFu) * 1099511628211UL;
        }
        return h.ToString("x16");
    }
}
