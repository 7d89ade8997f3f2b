using Sift.Eval;

namespace Sift.Tests.Eval.Metrics;

public sealed class BinaryClassificationTests
{
    [Fact]
    public void Auc_of_hand_cases()
    {
        bool[] labels = [true, true, false, false];
        Assert.Equal(1.0, BinaryClassification.RocAuc([0.9, 0.8, 0.2, 0.1], labels));
        Assert.Equal(0.0, BinaryClassification.RocAuc([0.1, 0.2, 0.8, 0.9], labels));
        Assert.Equal(0.5, BinaryClassification.RocAuc([0.4, 0.4, 0.4, 0.4], labels));
        // Positives {0.9, 0.3}, negatives {0.3, 0.1}: wins 1 + 1 + 1 and one tie (0.5) over 4 pairs.
        Assert.Equal(0.875, BinaryClassification.RocAuc([0.9, 0.3, 0.3, 0.1], [true, true, false, false]));
        Assert.True(double.IsNaN(BinaryClassification.RocAuc([0.1, 0.2], [true, true])));
    }

    [Fact]
    public void Auc_equals_the_pairwise_win_rate_with_ties_counting_half()
    {
        var rng = new Random(3);
        for (int trial = 0; trial < 50; trial++)
        {
            int n = rng.Next(2, 40);
            // Few distinct values, so ties are common.
            var scores = Enumerable.Range(0, n).Select(_ => rng.Next(5) / 4.0).ToArray();
            var labels = Enumerable.Range(0, n).Select(_ => rng.Next(2) == 1).ToArray();
            labels[0] = true;
            labels[1] = false;
            double wins = 0;
            int pairs = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    if (!labels[i] || labels[j]) continue;
                    pairs++;
                    wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
                }
            }
            Assert.Equal(wins / pairs, BinaryClassification.RocAuc(scores, labels), 12);
        }
    }

    [Fact]
    public void Accuracy_thresholds_at_one_half_inclusive()
    {
        Assert.Equal(0.75, BinaryClassification.Accuracy([0.5, 0.49, 0.9, 0.1], [true, false, false, false]));
        Assert.Equal(0, BinaryClassification.Accuracy([], []));
        Assert.Throws<ArgumentException>(() => BinaryClassification.Accuracy([0.5], [true, false]));
    }
}
