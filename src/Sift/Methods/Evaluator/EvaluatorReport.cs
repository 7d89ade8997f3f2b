using System.Globalization;
using System.Text.Json.Nodes;
using Sift.Eval;

namespace Sift.Methods.Evaluator;

/// <summary>
/// How well an evaluator judges held-out samples: accuracy with S ≥ 0.5 meaning "correct", and the
/// ROC AUC (Mann–Whitney, ties counting one half), over EVERY sample of the held-out problems (the
/// natural, unbalanced distribution), with the share of correct samples for reference (the accuracy
/// of always answering the majority class is max(rate, 1 − rate)).
/// </summary>
public sealed record EvaluatorReport(int Problems, int Samples, int CorrectSamples, double Accuracy, double Auc, double MeanScoreCorrect, double MeanScoreIncorrect, double Seconds)
{
    /// <summary>Fraction of samples the grader judged correct.</summary>
    public double CorrectRate => Samples == 0 ? 0 : (double)CorrectSamples / Samples;

    /// <summary>Scores every sample of <paramref name="problems"/> and measures them against the grader's labels.</summary>
    public static EvaluatorReport Evaluate(ModelEvaluatorScorer scorer, IReadOnlyList<GradedProblem> problems) => Score(scorer, problems).Report;

    /// <summary>
    /// <see cref="Evaluate"/> that also returns every sample's score, in problem then sample order
    /// (for re-ranking the same samples).
    /// </summary>
    public static (EvaluatorReport Report, double[] Scores) Score(ModelEvaluatorScorer scorer, IReadOnlyList<GradedProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(scorer);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var examples = EvaluatorDataset.AllSamples(problems, scorer.Encoding);
        var scores = scorer.ScoreInputs(examples.Select(e => e.Input).ToArray());
        return (FromScores(problems.Count, scores, examples.Select(e => e.IsCorrect).ToArray(), clock.Elapsed.TotalSeconds), scores);
    }

    /// <summary>The report of given scores and labels.</summary>
    public static EvaluatorReport FromScores(int problems, IReadOnlyList<double> scores, IReadOnlyList<bool> labels, double seconds)
    {
        var s = scores.ToArray();
        var l = labels.ToArray();
        int positives = l.Count(x => x);
        double Mean(bool label)
        {
            var picked = s.Where((_, i) => l[i] == label).ToArray();
            return picked.Length == 0 ? double.NaN : picked.Average();
        }
        return new EvaluatorReport(problems, s.Length, positives, BinaryClassification.Accuracy(s, l), BinaryClassification.RocAuc(s, l), Mean(true), Mean(false), seconds);
    }

    public JsonObject ToJson() => new()
    {
        ["problems"] = Problems,
        ["samples"] = Samples,
        ["correct_samples"] = CorrectSamples,
        ["correct_rate"] = Round(CorrectRate),
        ["accuracy"] = Round(Accuracy),
        ["auc"] = Round(Auc),
        ["mean_score_correct"] = Round(MeanScoreCorrect),
        ["mean_score_incorrect"] = Round(MeanScoreIncorrect),
        ["seconds"] = Math.Round(Seconds, 2),
    };

    /// <summary>One line for logs and the console.</summary>
    public string Summary() => string.Format(CultureInfo.InvariantCulture,
        "{0} samples of {1} problems ({2:P1} correct): accuracy {3:P1} at S >= 0.5, AUC {4:F3}, mean S {5:F3} (correct) vs {6:F3} (incorrect), {7:F1} s",
        Samples, Problems, CorrectRate, Accuracy, Auc, MeanScoreCorrect, MeanScoreIncorrect, Seconds);

    /// <summary>NaN (undefined AUC, empty class) becomes JSON null.</summary>
    private static JsonValue? Round(double x) => double.IsNaN(x) ? null : JsonValue.Create(Math.Round(x, 5));
}
