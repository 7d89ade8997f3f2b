using FsCheck.Fluent;
using Sift.Eval;

namespace Sift.Tests.Eval.Metrics;

public sealed class PassAtKTests
{
    /// <summary>The definition, by enumeration: the fraction of k-subsets of n samples that hold a correct one.</summary>
    private static double BruteForce(int n, int c, int k)
    {
        var hits = 0L;
        var total = 0L;
        void Walk(int start, int chosen, bool anyCorrect)
        {
            if (chosen == k)
            {
                total++;
                if (anyCorrect)
                {
                    hits++;
                }
                return;
            }
            for (var i = start; i <= n - (k - chosen); i++)
            {
                Walk(i + 1, chosen + 1, anyCorrect || i < c); // samples 0..c-1 are the correct ones
            }
        }
        Walk(0, 0, false);
        return (double)hits / total;
    }

    [Fact]
    public void Matches_direct_enumeration_of_combinations()
    {
        for (var n = 1; n <= 12; n++)
        {
            for (var c = 0; c <= n; c++)
            {
                for (var k = 1; k <= n; k++)
                {
                    Assert.Equal(BruteForce(n, c, k), PassAtK.Unbiased(n, c, k), 12);
                }
            }
        }
    }

    [Fact]
    public void Edge_cases_and_large_n_stay_finite()
    {
        Assert.Equal(0.0, PassAtK.Unbiased(100, 0, 10));
        Assert.Equal(1.0, PassAtK.Unbiased(10, 5, 6));
        Assert.Equal(0.3, PassAtK.Unbiased(10, 3, 1), 12); // pass@1 = c/n
        var large = PassAtK.Unbiased(10_000, 3, 100);
        // C(n-3, k) / C(n, k) = (n-k)(n-k-1)(n-k-2) / (n(n-1)(n-2)); the binomials themselves overflow a double.
        Assert.Equal(1 - (9900.0 * 9899 * 9898) / (10000.0 * 9999 * 9998), large, 12);
        Assert.Equal((0.5 + 1.0) / 2, PassAtK.Mean([(2, 1), (2, 2)], 1), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Unbiased(4, 1, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Unbiased(4, 5, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PassAtK.Unbiased(4, 1, 0));
    }

    [Fact]
    public void Is_monotone_in_k_and_c()
    {
        var property = Prop.ForAll<int, int, int>((a, b, d) =>
        {
            var n = 1 + Math.Abs(a % 40);
            var c = Math.Abs(b % (n + 1));
            var k = 1 + Math.Abs(d % n);
            var v = PassAtK.Unbiased(n, c, k);
            var moreK = k < n ? PassAtK.Unbiased(n, c, k + 1) : v;
            var moreC = c < n ? PassAtK.Unbiased(n, c + 1, k) : v;
            return v >= 0 && v <= 1 && moreK >= v - 1e-12 && moreC >= v - 1e-12;
        });
        FsCheck.Check.QuickThrowOnFailure(property);
    }
}
