using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Model;
using Sift.Model.Sampling;
using Sift.Runs;
using Sift.Text;

namespace Sift.Training.Sft;

/// <summary>
/// One fine-tuning job as the methods and pipelines use it: a model (fresh from an init seed, or loaded from a base
/// model directory) trained on (question, response) pairs in its own run directory, resumed when the
/// directory already holds a checkpoint. `sift train sft`, RFT and the demo all call this.
/// </summary>
public static class SftJob
{
    /// <summary>Trains and returns the model (the caller disposes it) and what training did.</summary>
    /// <param name="run">The job's run directory (checkpoints/last for resume, checkpoints/final for the result).</param>
    /// <param name="config">Model config for a fresh model (ignored when <paramref name="baseModelDir"/> is given).</param>
    /// <param name="initSeed">Weight-init seed of a fresh model.</param>
    /// <param name="baseModelDir">A saved model to start from (null: fresh).</param>
    /// <param name="tokenizer">The tokenizer (saved with every checkpoint).</param>
    /// <param name="template">Prompt template.</param>
    /// <param name="pairs">Training pairs.</param>
    /// <param name="heldOut">Held-out pairs for the evaluation loss.</param>
    /// <param name="options">Training settings.</param>
    public static (TransformerModel Model, SftResult Result) Train(
        RunDirectory run,
        ModelConfig config,
        ulong initSeed,
        string? baseModelDir,
        BpeTokenizer tokenizer,
        PromptTemplate template,
        IReadOnlyList<(string Question, string Response)> pairs,
        IReadOnlyList<(string Question, string Response)> heldOut,
        SftOptions options,
        IProgress<SftProgress>? progress = null,
        Func<TransformerModel, long, JsonObject>? evaluate = null,
        CancellationToken cancellationToken = default)
    {
        TransformerModel model;
        if (baseModelDir is not null)
        {
            (model, _) = SavedModel.Load(baseModelDir);
        }
        else
        {
            model = TransformerModel.Create(config, initSeed);
            // The base model (initial weights) is kept: RFT fine-tunes it, not the SFT result.
            var baseDir = run.CheckpointDir("base");
            if (!SavedModel.IsComplete(baseDir)) SavedModel.Save(baseDir, model, tokenizer);
        }
        try
        {
            var builder = new SftExampleBuilder(tokenizer, template, model.Config.MaxPositionEmbeddings + 1);
            var train = builder.BuildAll(pairs, out int dropped);
            var held = builder.BuildAll(heldOut, out _);
            using (var log = run.OpenLog())
            {
                log.Write("sft_data", new JsonObject { ["pairs"] = pairs.Count, ["examples"] = train.Count, ["dropped_too_long"] = dropped, ["held_out"] = held.Count });
            }
            var trainer = new SftTrainer(model, tokenizer, options);
            var result = trainer.Train(train, held, run, progress, evaluate is null ? null : s => evaluate(model, s), cancellationToken);
            return (model, result);
        }
        catch
        {
            model.Dispose();
            throw;
        }
    }

    /// <summary>
    /// <see cref="Train"/> with progress and a one-line summary through <paramref name="reporter"/>; a
    /// cancelled run is an <see cref="OperationCanceledException"/> saying how to resume.
    /// </summary>
    public static (TransformerModel Model, SftResult Result) TrainReported(
        RunDirectory run,
        string label,
        ModelConfig config,
        ulong initSeed,
        BpeTokenizer tokenizer,
        PromptTemplate template,
        IReadOnlyList<(string Question, string Response)> pairs,
        IReadOnlyList<(string Question, string Response)> heldOut,
        SftOptions options,
        IProgressReporter reporter,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reporter);
        reporter.Stage($"{label} ({pairs.Count} examples)");
        var (model, result) = Train(run, config, initSeed, null, tokenizer, template, pairs, heldOut, options, reporter.Training(label), null, cancellationToken);
        if (!result.Completed)
        {
            model.Dispose();
            throw new OperationCanceledException($"{label}: cancelled at step {result.Steps}; run again with the same run directory to resume");
        }
        reporter.Info(result.Steps == result.ResumedFromStep
            ? string.Format(CultureInfo.InvariantCulture, "{0}: already trained ({1} steps), held-out loss {2:F3}", label, result.Steps, result.EvalLoss)
            : string.Format(CultureInfo.InvariantCulture, "{0}: {1} steps, loss {2:F3}, held-out loss {3:F3}, {4:F0} tokens/s, {5:F1} s",
                label, result.Steps, result.FinalLoss, result.EvalLoss, result.TokensPerSecond, result.Elapsed.TotalSeconds));
        return (model, result);
    }
}
