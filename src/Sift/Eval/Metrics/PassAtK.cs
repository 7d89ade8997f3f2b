namespace Sift.Eval;

/// <summary>
/// pass@k with the unbiased estimator of Chen et al. 2021 ("Evaluating Large Language Models Trained
/// on Code"): from n samples of which c are correct, 1 - C(n-c, k) / C(n, k), computed in the
/// numerically stable product form 1 - prod_{i=n-c+1}^{n} (1 - k / i).
/// </summary>
public static class PassAtK
{
    /// <summary>The estimate for one problem; requires 1 &lt;= k &lt;= n and 0 &lt;= c &lt;= n.</summary>
    public static double Unbiased(int n, int c, int k)
    {
        if (k < 1 || k > n)
        {
            throw new ArgumentOutOfRangeException(nameof(k), $"need 1 <= k <= n (k={k}, n={n})");
        }
        if (c < 0 || c > n)
        {
            throw new ArgumentOutOfRangeException(nameof(c), $"need 0 <= c <= n (c={c}, n={n})");
        }
        if (n - c < k)
        {
            return 1.0; // every k-subset holds a correct sample
        }
        var allWrong = 1.0;
        for (var i = n - c + 1; i <= n; i++)
        {
            allWrong *= 1.0 - (double)k / i;
        }
        return 1.0 - allWrong;
    }

    /// <summary>The mean estimate over problems, each given as (samples n, correct c).</summary>
    public static double Mean(IEnumerable<(int N, int C)> problems, int k)
    {
        var sum = 0.0;
        var count = 0;
        foreach (var (n, c) in problems)
        {
            sum += Unbiased(n, c, k);
            count++;
        }
        return count == 0 ? 0 : sum / count;
    }
}
