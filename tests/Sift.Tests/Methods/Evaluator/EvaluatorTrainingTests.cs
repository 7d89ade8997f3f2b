using Sift.Eval;
using Sift.Methods.Evaluator;
using Sift.Model;
using Sift.Runs;
using Sift.Tests.Model;
using Sift.Tests.Training.Sft;
using Sift.Training.Sft;

namespace Sift.Tests.Methods.Evaluator;

/// <summary>Evaluator training end to end on a 1-layer model and a synthetic, easily separable signal (seconds).</summary>
[Collection(EngineThreadsCollection.Name)]
public sealed class EvaluatorTrainingTests
{
    /// <summary>
    /// Problems whose correct samples end "The answer is 4" and incorrect ones "The answer is 9": an
    /// evaluator that learns anything from its label loss separates them; one trained with the wrong
    /// gradient sign, or reading the wrong position, would not.
    /// </summary>
    private static GradedProblem[] Problems(int count, int offset) => Enumerable.Range(offset, count).Select(i => new GradedProblem(
        $"p{i}", $"What is {i % 7} + {i % 5}?", "4", "",
        Enumerable.Range(0, 4).Select(j => j % 2 == 0
            ? new GradedSample($"We add {j}. The answer is 4", "4", "equivalent", true, true, 5)
            : new GradedSample($"We add {j}. The answer is 9", "9", "not_equivalent", false, true, 5)).ToArray())).ToArray();

    private static EvaluatorTrainOptions Options(int steps) => new()
    {
        MaxSteps = steps,
        PairsPerStep = 4,
        LearningRate = 1e-2,
        Seed = 3,
        CheckpointEvery = 0,
    };

    [Fact]
    public void A_trained_evaluator_separates_an_easy_signal_on_held_out_problems()
    {
        using var model = TransformerModel.Create(SftTestData.TinyConfig(160), 4);
        var tokenizer = SftTestData.Tokenizer;
        var encoding = new EvaluatorEncoding(tokenizer, 160);
        var data = EvaluatorDataset.Build(Problems(24, 0), encoding);
        var held = Problems(8, 100);
        var result = new EvaluatorTrainer(model, tokenizer, Options(60)).Train(data);
        Assert.True(result.Completed);
        using var scorer = new ModelEvaluatorScorer(model, tokenizer, batchSize: 8);
        var report = EvaluatorReport.Evaluate(scorer, held);
        Assert.True(report.Auc > 0.95, report.Summary());
        Assert.True(report.Accuracy > 0.9, report.Summary());
        Assert.True(report.MeanScoreCorrect > report.MeanScoreIncorrect + 0.3, report.Summary());
    }

    [Fact]
    public void Batched_scores_equal_one_at_a_time_scores_and_the_scorer_formula()
    {
        using var model = TransformerModel.Create(SftTestData.TinyConfig(160), 6);
        var tokenizer = SftTestData.Tokenizer;
        using var scorer = new ModelEvaluatorScorer(model, tokenizer, batchSize: 3);
        var items = Problems(3, 0).SelectMany(p => p.Samples.Select(s => (p.Question, s.Text))).ToArray();
        var batched = scorer.ScoreAll(items);
        for (int i = 0; i < items.Length; i++)
        {
            Assert.InRange(batched[i], 0, 1);
            Assert.Equal(scorer.Score(items[i].Question, items[i].Text), batched[i], 5);
            var (c, inc) = scorer.LabelLogits([scorer.Encoding.Input(items[i].Question, items[i].Text)])[0];
            Assert.Equal(EvaluatorLoss.Score(c, inc), batched[i], 5);
        }
    }

    [Fact]
    public void A_run_stopped_mid_way_resumes_to_the_same_weights()
    {
        var tokenizer = SftTestData.Tokenizer;
        var data = EvaluatorDataset.Build(Problems(6, 0), new EvaluatorEncoding(tokenizer, 160));
        var options = Options(6) with { CheckpointEvery = 2 };
        using var straight = TransformerModel.Create(SftTestData.TinyConfig(160), 8);
        new EvaluatorTrainer(straight, tokenizer, options).Train(data);

        var root = SftTestData.TempDir("evaluator-resume");
        var run = RunDirectory.Open(root);
        using (var first = TransformerModel.Create(SftTestData.TinyConfig(160), 8))
        {
            using var cts = new CancellationTokenSource();
            var progress = new Progress(p => { if (p.Step == 4) cts.Cancel(); });
            var stopped = new EvaluatorTrainer(first, tokenizer, options).Train(data, run, progress, cts.Token);
            Assert.False(stopped.Completed);
        }
        using var second = TransformerModel.Create(SftTestData.TinyConfig(160), 8);
        var resumed = new EvaluatorTrainer(second, tokenizer, options).Train(data, run);
        Assert.Equal(4, resumed.ResumedFrom);
        Assert.Equal(straight.Weights.Span.ToArray(), second.Weights.Span.ToArray());
        Assert.True(SavedModel.IsComplete(run.CheckpointDir("final")));
    }

    private sealed class Progress(Action<SftProgress> action) : IProgress<SftProgress>
    {
        public void Report(SftProgress value) => action(value);
    }
}
