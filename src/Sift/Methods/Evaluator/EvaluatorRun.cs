using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Eval;
using Sift.IO;
using Sift.Runs;
using Sift.Training;

namespace Sift.Methods.Evaluator;

/// <summary>
/// Evaluator training end to end, as `sift evaluator train` and the demo run it: build the balanced
/// per-problem dataset from graded samples (<see cref="EvaluatorDataset"/>), fine-tune the given
/// model (<see cref="EvaluatorTrainer"/>; the paper starts from the generator's weights), save it to
/// <c>RUN/checkpoints/final</c>, and measure accuracy and AUC on held-out problems' samples.
/// Run directory: <c>log.jsonl</c>, <c>checkpoints/last</c> (step-level resume),
/// <c>checkpoints/final</c>, <c>evaluator_train.json</c> (resume fingerprint), <c>results.json</c>
/// (written last). A rerun whose final model is complete skips training.
/// </summary>
public sealed class EvaluatorRun(EvaluatorDataOptions data, EvaluatorTrainOptions training, RunDirectory run, IProgressReporter? reporter = null)
{
    private readonly IProgressReporter _report = reporter ?? IProgressReporter.Silent;

    public EvaluatorDataOptions Data { get; } = data;

    public EvaluatorTrainOptions Training { get; } = training;

    public RunDirectory Run { get; } = run;

    /// <summary>The trained evaluator's directory.</summary>
    public string ModelDir => Run.CheckpointDir("final");

    /// <summary>
    /// Trains (or reuses) the evaluator and measures it.
    /// </summary>
    /// <param name="startModelDir">The weights to fine-tune (the generator's, as in the paper).</param>
    /// <param name="trainSamples">Graded samples to train on.</param>
    /// <param name="heldOutSamples">Graded samples of OTHER problems to measure on (null or empty: none).</param>
    /// <param name="scoringBatch">Rows per forward when scoring held-out samples.</param>
    /// <param name="cancellationToken">Stops training between steps (rerun to resume).</param>
    public EvaluatorRunResult Execute(string startModelDir, IReadOnlyList<GradedProblem> trainSamples, IReadOnlyList<GradedProblem>? heldOutSamples, int scoringBatch = 32, CancellationToken cancellationToken = default)
    {
        Data.Validate();
        Training.Validate();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (model, tokenizer) = SavedModel.Load(SavedModel.IsComplete(ModelDir) ? ModelDir : startModelDir);
        JsonObject stats;
        long steps;
        double trainSeconds = 0;
        using (model)
        {
            var encoding = new EvaluatorEncoding(tokenizer, model.Config.MaxPositionEmbeddings);
            var dataset = EvaluatorDataset.Build(trainSamples, encoding, Data);
            stats = dataset.StatisticsJson();
            var trainer = new EvaluatorTrainer(model, tokenizer, Training);
            if (!SavedModel.IsComplete(ModelDir))
            {
                var label = $"evaluator: {dataset.Pairs.Count} pairs from {dataset.UsedProblems} problems ({dataset.SingleClassProblems} single-class problems dropped), objective {Training.Objective}";
                _report.Stage(label);
                var result = trainer.Train(dataset, Run, _report.Training(label), cancellationToken);
                if (!result.Completed) throw new OperationCanceledException($"evaluator training cancelled at step {result.Steps}; run again with the same directory to resume");
                steps = result.Steps;
                trainSeconds = result.Elapsed.TotalSeconds;
                _report.Info(string.Format(CultureInfo.InvariantCulture, "evaluator: {0} steps, loss {1:F4}, {2:F1} s", result.Steps, result.FinalLoss, trainSeconds));
            }
            else
            {
                steps = Training.MaxSteps > 0 ? Training.MaxSteps : Math.Max(1, (int)Math.Ceiling(Training.Epochs * trainer.StepsPerEpoch(dataset.Pairs.Count)));
            }
        }
        EvaluatorReport? report = null;
        if (heldOutSamples is { Count: > 0 })
        {
            _report.Stage($"evaluator: score {heldOutSamples.Sum(p => p.Samples.Count)} held-out samples");
            using var scorer = ModelEvaluatorScorer.Load(ModelDir, scoringBatch);
            report = EvaluatorReport.Evaluate(scorer, heldOutSamples);
            _report.Info("evaluator held-out: " + report.Summary());
        }
        var final = new EvaluatorRunResult(ModelDir, stats, steps, trainSeconds, report);
        var json = final.ToJson();
        json["seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
        json["objective"] = Training.Objective.ToString();
        json["margin"] = Training.Margin;
        json["options"] = JsonSerializer.SerializeToNode(Training);
        Run.WriteResults(json);
        return final;
    }
}
