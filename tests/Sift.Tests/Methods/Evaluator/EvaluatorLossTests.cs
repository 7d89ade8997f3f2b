using Sift.Methods.Evaluator;
using Sift.Tests.Support;

namespace Sift.Tests.Methods.Evaluator;

public sealed class EvaluatorLossTests
{
    [Fact]
    public void Score_is_a_probability_symmetric_and_stable_at_extreme_logits()
    {
        Assert.Equal(0.5, EvaluatorLoss.Score(3.25, 3.25));
        Assert.Equal(1 / (1 + Math.Exp(-1.5)), EvaluatorLoss.Score(2.0, 0.5), 15);
        // Equals the softmax ratio p(c) / (p(c) + p(i)) whatever the rest of the vocabulary does.
        double[] logits = [1.0, -0.3, 2.2, 0.7];
        var z = logits.Sum(Math.Exp);
        Assert.Equal(Math.Exp(logits[0]) / z / (Math.Exp(logits[0]) / z + Math.Exp(logits[1]) / z), EvaluatorLoss.Score(logits[0], logits[1]), 14);
        var rng = new Random(5);
        for (var t = 0; t < 200; t++)
        {
            var c = (rng.NextDouble() - 0.5) * 60;
            var i = (rng.NextDouble() - 0.5) * 60;
            var s = EvaluatorLoss.Score(c, i);
            Assert.InRange(s, 0, 1);
            Assert.Equal(1, s + EvaluatorLoss.Score(i, c), 12);
            Assert.Equal(Math.Log(s), EvaluatorLoss.LogScore(c, i), 9);
        }
        foreach (var (c, i) in new[] { (1e308, -1e308), (-1e308, 1e308), (800.0, -800.0), (-800.0, 800.0), (1e4, 1e4) })
        {
            var s = EvaluatorLoss.Score(c, i);
            Assert.False(double.IsNaN(s), $"S({c}, {i}) is NaN");
            Assert.InRange(s, 0, 1);
            Assert.True(double.IsFinite(EvaluatorLoss.LogScore(c, i)) || c - i == double.NegativeInfinity, $"log S({c}, {i})");
        }
        Assert.Equal(1, EvaluatorLoss.Score(800, -800));
        Assert.Equal(0, EvaluatorLoss.Score(-800, 800));
        Assert.Equal(-1600, EvaluatorLoss.LogScore(-800, 800), 9); // log S stays exact where S underflows
        Assert.Equal(Math.Log(2), EvaluatorLoss.Softplus(0), 15);
        Assert.Equal(1.0, EvaluatorLoss.Softplus(Math.Log(1e-20)) / 1e-20, 14); // relative accuracy where log(1 + x) ≈ x
    }

    [Fact]
    public void Margin_loss_gradient_matches_finite_differences()
    {
        var rng = new Random(11);
        var checkedActive = 0;
        for (var t = 0; t < 300; t++)
        {
            double[] x = [Draw(rng), Draw(rng), Draw(rng), Draw(rng)];
            var margin = rng.NextDouble() * 2;
            double Loss(double[] v) => EvaluatorLoss.MarginLoss(v[0], v[1], v[2], v[3], margin).Loss;
            var r = EvaluatorLoss.MarginLoss(x[0], x[1], x[2], x[3], margin);
            double[] analytic = [r.GradPositiveCorrect, r.GradPositiveIncorrect, r.GradNegativeCorrect, r.GradNegativeIncorrect];
            var argument = EvaluatorLoss.LogScore(x[2], x[3]) - EvaluatorLoss.LogScore(x[0], x[1]) + margin;
            Assert.Equal(Math.Max(0, argument), r.Loss, 12);
            if (Math.Abs(argument) < 1e-4)
            {
                continue; // at the hinge's kink the derivative does not exist
            }
            if (argument > 0)
            {
                checkedActive++;
            }
            for (var j = 0; j < 4; j++)
            {
                Assert.Equal(FiniteDifference.Central(x, j, H, () => Loss(x)), analytic[j], 6);
            }
        }
        Assert.True(checkedActive > 50, $"only {checkedActive} active pairs checked");
        Assert.Equal(new EvaluatorLossPairGradient(0, 0, 0, 0, 0), EvaluatorLoss.MarginLoss(10, -10, -10, 10, 1)); // well separated: no loss
    }

    [Fact]
    public void Label_cross_entropy_gradient_matches_finite_differences()
    {
        var rng = new Random(12);
        for (var t = 0; t < 200; t++)
        {
            double[] x = [Draw(rng), Draw(rng)];
            foreach (var label in new[] { true, false })
            {
                var (loss, gc, gi) = EvaluatorLoss.LabelCrossEntropy(x[0], x[1], label);
                var s = EvaluatorLoss.Score(x[0], x[1]);
                Assert.Equal(-Math.Log(label ? s : 1 - s), loss, 8);
                double Loss(double[] v) => EvaluatorLoss.LabelCrossEntropy(v[0], v[1], label).Loss;
                Assert.Equal(FiniteDifference.Central(x, 0, H, () => Loss(x)), gc, 7);
                Assert.Equal(FiniteDifference.Central(x, 1, H, () => Loss(x)), gi, 7);
            }
        }
        var extreme = EvaluatorLoss.LabelCrossEntropy(-900, 900, isCorrect: true);
        Assert.Equal(1800, extreme.Loss, 9);
        Assert.Equal((-1.0, 1.0), (extreme.GradCorrect, extreme.GradIncorrect));
    }

    [Fact]
    public void Batch_margin_loss_is_the_mean_and_adds_into_gradients()
    {
        double[] pos = [0.5, 1.0, 2.0, -1.0];
        double[] neg = [1.0, 0.0, -3.0, 3.0];
        var gp = new double[] { 1, 1, 1, 1 };
        var gn = new double[] { 2, 2, 2, 2 };
        var loss = EvaluatorLoss.MarginLossBatch(pos, neg, 0.5, gp, gn);
        var a = EvaluatorLoss.MarginLoss(0.5, 1.0, 1.0, 0.0, 0.5);
        var b = EvaluatorLoss.MarginLoss(2.0, -1.0, -3.0, 3.0, 0.5);
        Assert.True(a.Loss > 0);
        Assert.Equal((a.Loss + b.Loss) / 2, loss, 14);
        Assert.Equal(1 + (a.GradPositiveCorrect / 2), gp[0], 14);
        Assert.Equal(2 + (a.GradNegativeIncorrect / 2), gn[1], 14);
        Assert.Equal(1 + (b.GradPositiveIncorrect / 2), gp[3], 14);
        Assert.Throws<ArgumentException>(() => EvaluatorLoss.MarginLossBatch(pos, neg.AsSpan(0, 2), 0.5, gp, gn));
    }

    private static double Draw(Random rng) => (rng.NextDouble() - 0.5) * 8;

    private const double H = 1e-6;
}
