using Sift.Methods.Evaluator;
using Sift.Model;
using Sift.Tests.Model;
using Sift.Training;
using Sift.Tests.Support;

namespace Sift.Tests.Methods.Evaluator;

[Collection(EngineThreadsCollection.Name)]
public sealed class EvaluatorGradientTests
{
    /// <summary>
    /// The caller-supplied-loss path of the graph: every parameter's analytic gradient of the evaluator
    /// loss (label CE + margin, read at each right-padded row's own label position) against a central
    /// difference of the same loss.
    /// </summary>
    [Theory]
    [InlineData(ModelFamily.Llama, EvaluatorObjective.Both)]
    [InlineData(ModelFamily.Gpt2, EvaluatorObjective.Margin)]
    [InlineData(ModelFamily.Llama, EvaluatorObjective.LabelCrossEntropy)]
    public void Evaluator_loss_gradients_through_the_graph_match_finite_differences(ModelFamily family, EvaluatorObjective objective)
    {
        var config = ModelTestData.Tiny(family);
        using var model = TransformerModel.Create(config, 5);
        foreach (ref float w in model.Weights.Span) w *= 3f;
        const int rows = 4, seq = 6;
        using var graph = new TrainingGraph(model, rows, seq);
        var tokens = ModelTestData.Batch(rows, seq, config.VocabSize, 3).Tokens;
        int[] labelPositions = [5, 3, 4, 2];
        // A large margin keeps the hinge active, so its gradient is exercised.
        var loss = new EvaluatorBatchLoss(rows, 7, 11, objective, margin: 6.0);
        loss.SetRows(labelPositions);
        graph.ZeroGradients();
        float value = graph.ForwardBackward(tokens, rows, seq, loss.Compute);
        Assert.Equal(loss.Value(graph.Forward(tokens, rows, seq), rows, seq, config.VocabSize), value, 4);
        Assert.True(value > 0);
        var rng = new Random(9);
        foreach (var p in model.Parameters.Entries)
        {
            var weights = model.Parameter(p.Name);
            var grads = graph.Gradient(p.Name);
            float gmax = 0;
            foreach (var g in grads) gmax = Math.Max(gmax, Math.Abs(g));
            for (int trial = 0; trial < 3; trial++)
            {
                int j = rng.Next(weights.Length);
                double fd = FiniteDifference.Central(weights, j, 1e-2f, () => loss.Value(graph.Forward(tokens, rows, seq), rows, seq, config.VocabSize));
                double err = Math.Abs(fd - grads[j]);
                Assert.True(err <= 2e-2 * Math.Max(gmax, 1e-2) + 1e-4, $"{p.Name}[{j}]: finite difference {fd:G6}, analytic {grads[j]:G6}, max |grad| {gmax:G3}");
            }
        }
    }

    [Fact]
    public void Only_the_label_logits_of_each_row_get_a_gradient()
    {
        const int rows = 2, seq = 3, vocab = 5;
        var logits = new float[rows * seq * vocab];
        var rng = new Random(1);
        for (int i = 0; i < logits.Length; i++) logits[i] = (float)rng.NextDouble();
        var loss = new EvaluatorBatchLoss(rows, 1, 3, EvaluatorObjective.LabelCrossEntropy, 1.0);
        loss.SetRows([2, 1]);
        double l0 = EvaluatorLoss.LabelCrossEntropy(logits[(2 * vocab) + 1], logits[(2 * vocab) + 3], true).Loss;
        double l1 = EvaluatorLoss.LabelCrossEntropy(logits[(4 * vocab) + 1], logits[(4 * vocab) + 3], false).Loss;
        float value = loss.Compute(logits, rows, seq, vocab);
        Assert.Equal((l0 + l1) / 2, value, 5);
        var nonZero = Enumerable.Range(0, logits.Length).Where(i => logits[i] != 0).ToArray();
        Assert.Equal([(2 * vocab) + 1, (2 * vocab) + 3, (4 * vocab) + 1, (4 * vocab) + 3], nonZero);
        Assert.True(logits[(2 * vocab) + 1] < 0 && logits[(4 * vocab) + 1] > 0); // push correct up on X⁺, down on X⁻
    }

    [Fact]
    public void A_train_step_with_the_evaluator_loss_lowers_it()
    {
        var config = ModelTestData.Tiny(ModelFamily.Llama);
        using var model = TransformerModel.Create(config, 2);
        using var step = new TrainStep(model, 4, 6, TrainStepOptions.Constant(1e-2));
        var tokens = ModelTestData.Batch(4, 6, config.VocabSize, 8).Tokens;
        var loss = new EvaluatorBatchLoss(4, 7, 11, EvaluatorObjective.Both, 1.0);
        loss.SetRows([5, 5, 4, 3]);
        float first = step.Run(tokens, 4, 6, loss.Compute).Loss;
        float last = first;
        for (int i = 0; i < 20; i++) last = step.Run(tokens, 4, 6, loss.Compute).Loss;
        Assert.True(last < first * 0.5, $"loss {first} -> {last}");
    }
}
