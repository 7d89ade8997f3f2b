namespace Sift.Eval;

/// <summary>
/// Metrics of a scorer that predicts a binary label (the evaluator: is this solution correct?):
/// accuracy at a threshold and the area under the ROC curve.
/// </summary>
public static class BinaryClassification
{
    /// <summary>Fraction of items where (score ≥ threshold) equals the label (0 for no items).</summary>
    /// <param name="scores">[n] scores.</param>
    /// <param name="labels">[n] true labels.</param>
    /// <param name="threshold">Scores at or above it predict true.</param>
    public static double Accuracy(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels, double threshold = 0.5)
    {
        CheckLengths(scores.Length, labels.Length);
        if (scores.Length == 0) return 0;
        int right = 0;
        for (int i = 0; i < scores.Length; i++)
        {
            if ((scores[i] >= threshold) == labels[i]) right++;
        }
        return (double)right / scores.Length;
    }

    /// <summary>
    /// ROC AUC by the Mann–Whitney rank formula: AUC = (R⁺ − n⁺(n⁺+1)/2) / (n⁺·n⁻), where R⁺ is the sum
    /// of the positives' ranks among all scores, tied scores sharing their mean rank. This equals the
    /// probability that a random positive outscores a random negative, ties counting one half.
    /// NaN when either class is absent (the AUC is undefined).
    /// </summary>
    /// <param name="scores">[n] scores (higher: more likely positive).</param>
    /// <param name="labels">[n] true labels.</param>
    public static double RocAuc(ReadOnlySpan<double> scores, ReadOnlySpan<bool> labels)
    {
        CheckLengths(scores.Length, labels.Length);
        int n = scores.Length;
        long positives = 0;
        foreach (var l in labels) if (l) positives++;
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) return double.NaN;
        var order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        var keys = scores.ToArray();
        foreach (var s in keys)
        {
            if (double.IsNaN(s)) throw new ArgumentException("a score is NaN", nameof(scores));
        }
        Array.Sort(keys, order);
        double positiveRankSum = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && keys[end + 1] == keys[start]) end++;
            // Ranks are 1-based; a tie group [start, end] shares the mean rank.
            double meanRank = ((start + 1) + (end + 1)) / 2.0;
            for (int j = start; j <= end; j++)
            {
                if (labels[order[j]]) positiveRankSum += meanRank;
            }
            start = end + 1;
        }
        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    private static void CheckLengths(int scores, int labels)
    {
        if (scores != labels) throw new ArgumentException($"{scores} scores but {labels} labels");
    }
}
