namespace Sift.Methods.Evaluator;

/// <summary>
/// The evaluator's score and training losses (Liu et al. 2023, "Improving LLM fine-tuning for solving
/// math problems", §3.2), as functions of the two label logits at the position after the prompt:
/// l_c for the token `correct`, l_i for `incorrect`. All in double precision and stable for any
/// finite logits: everything is written through d = l_c − l_i, softplus and the logistic function.
/// </summary>
public static class EvaluatorLoss
{
    /// <summary>
    /// S = p(correct) / (p(correct) + p(incorrect)). The softmax normaliser cancels, so
    /// S = e^{l_c} / (e^{l_c} + e^{l_i}) = σ(l_c − l_i), whatever the rest of the vocabulary.
    /// </summary>
    public static double Score(double logitCorrect, double logitIncorrect) => Sigmoid(logitCorrect - logitIncorrect);

    /// <summary>log S = −softplus(−(l_c − l_i)), finite even where S underflows to 0.</summary>
    public static double LogScore(double logitCorrect, double logitIncorrect) => -Softplus(logitIncorrect - logitCorrect);

    /// <summary>σ(x) without overflow: e^{-|x|} never exceeds 1.</summary>
    public static double Sigmoid(double x)
    {
        if (x >= 0)
        {
            return 1.0 / (1.0 + Math.Exp(-x));
        }
        var e = Math.Exp(x);
        return e / (1.0 + e);
    }

    /// <summary>softplus(x) = log(1 + e^x) = max(x, 0) + log1p(e^{-|x|}).</summary>
    public static double Softplus(double x) => Math.Max(x, 0) + LogOnePlus(Math.Exp(-Math.Abs(x)));

    /// <summary>
    /// The pairwise margin loss on two solutions of the same problem, X⁺ correct and X⁻ incorrect:
    /// L = max(0, log S(X⁻) − log S(X⁺) + λ). With d = l_c − l_i and ∂ log σ(d)/∂d = σ(−d), where the
    /// hinge is active: ∂L/∂l_c⁻ = σ(−d⁻), ∂L/∂l_i⁻ = −σ(−d⁻), ∂L/∂l_c⁺ = −σ(−d⁺), ∂L/∂l_i⁺ = σ(−d⁺);
    /// where it is not (argument ≤ 0, the subgradient at the kink taken as 0), all are 0.
    /// </summary>
    public static EvaluatorLossPairGradient MarginLoss(double positiveCorrect, double positiveIncorrect, double negativeCorrect, double negativeIncorrect, double margin)
    {
        var argument = LogScore(negativeCorrect, negativeIncorrect) - LogScore(positiveCorrect, positiveIncorrect) + margin;
        if (!(argument > 0))
        {
            return new EvaluatorLossPairGradient(0, 0, 0, 0, 0);
        }
        var gPos = Sigmoid(positiveIncorrect - positiveCorrect); // σ(−d⁺)
        var gNeg = Sigmoid(negativeIncorrect - negativeCorrect); // σ(−d⁻)
        return new EvaluatorLossPairGradient(argument, -gPos, gPos, gNeg, -gNeg);
    }

    /// <summary>
    /// Cross-entropy on the label token restricted to the two label words: the model's softmax is
    /// renormalised over {correct, incorrect}, so L = −log S for a correct solution and −log(1 − S)
    /// for an incorrect one, i.e. softplus(−d) or softplus(d). With y = 1 for correct, 0 otherwise:
    /// ∂L/∂l_c = S − y and ∂L/∂l_i = y − S. (Full-vocabulary cross-entropy, as plain SFT on the label
    /// token does, differs only by the mass outside the two words; this form makes the training target
    /// exactly the score used at selection time.)
    /// </summary>
    public static (double Loss, double GradCorrect, double GradIncorrect) LabelCrossEntropy(double logitCorrect, double logitIncorrect, bool isCorrect)
    {
        var d = logitCorrect - logitIncorrect;
        var loss = isCorrect ? Softplus(-d) : Softplus(d);
        var s = Sigmoid(d);
        var y = isCorrect ? 1.0 : 0.0;
        return (loss, s - y, y - s);
    }

    /// <summary>
    /// Mean margin loss over a batch of pairs; gradients of the mean are ADDED into the gradient spans.
    /// </summary>
    /// <param name="positive">[pairs, 2] (l_c, l_i) of each correct solution.</param>
    /// <param name="negative">[pairs, 2] (l_c, l_i) of each incorrect solution.</param>
    /// <param name="margin">λ.</param>
    /// <param name="gradPositive">[pairs, 2], accumulated.</param>
    /// <param name="gradNegative">[pairs, 2], accumulated.</param>
    public static double MarginLossBatch(ReadOnlySpan<double> positive, ReadOnlySpan<double> negative, double margin, Span<double> gradPositive, Span<double> gradNegative)
    {
        if (positive.Length % 2 != 0 || negative.Length != positive.Length || gradPositive.Length != positive.Length || gradNegative.Length != positive.Length)
        {
            throw new ArgumentException($"need [pairs, 2] spans of one length (positive {positive.Length}, negative {negative.Length}, gradients {gradPositive.Length}, {gradNegative.Length})");
        }
        var pairs = positive.Length / 2;
        if (pairs == 0)
        {
            return 0;
        }
        var scale = 1.0 / pairs;
        var total = 0.0;
        for (var p = 0; p < pairs; p++)
        {
            var r = MarginLoss(positive[2 * p], positive[(2 * p) + 1], negative[2 * p], negative[(2 * p) + 1], margin);
            total += r.Loss;
            gradPositive[2 * p] += scale * r.GradPositiveCorrect;
            gradPositive[(2 * p) + 1] += scale * r.GradPositiveIncorrect;
            gradNegative[2 * p] += scale * r.GradNegativeCorrect;
            gradNegative[(2 * p) + 1] += scale * r.GradNegativeIncorrect;
        }
        return total * scale;
    }

    /// <summary>log(1 + x) for x in [0, 1], accurate for tiny x (Math has no log1p).</summary>
    private static double LogOnePlus(double x)
    {
        var u = 1.0 + x;
        // Goldberg's trick: (u − 1) is the x actually added, so log(u)·x/(u−1) corrects the rounding.
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
