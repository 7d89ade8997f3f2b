using Sift.Tensors;
using Sift.Tests.Support;

namespace Sift.Tests.Tensors.Gemm;

/// <summary>Every GEMM implementation against <see cref="NaiveGemm"/> on many shapes, strides, transposes and alpha/beta.</summary>
public sealed class GemmTests
{
    /// <summary>The implementations under test: naive, managed (Vector512 and Vector256 kernels, 1 and 2 threads), OpenBLAS when it loads.</summary>
    public static TheoryData<string> Implementations()
    {
        var data = new TheoryData<string> { "naive", "managed", "managed-v256", "managed-1thread", "openblas" };
        return data;
    }

    internal static IGemm? Make(string name) => name switch
    {
        "naive" => new NaiveGemm(),
        "managed" => new ManagedGemm(useVector512: true, threads: 2),
        "managed-v256" => new ManagedGemm(useVector512: false, threads: 2),
        "managed-1thread" => new ManagedGemm(useVector512: true, threads: 1),
        "openblas" => OpenBlasGemm.IsAvailable ? new OpenBlasGemm() : null,
        _ => throw new ArgumentException(name),
    };

    // The openblas case is reported as skipped (with the reason) where OpenBLAS does not load.
    private static IGemm MakeOrSkip(string name)
    {
        if (name == "openblas") Requires.OpenBlas();
        return Make(name) ?? throw new InvalidOperationException($"no GEMM '{name}'");
    }

    private static readonly (int M, int N, int K)[] Shapes =
    [
        (1, 1, 1), (1, 7, 3), (5, 1, 9), (3, 4, 1), (1, 33, 17), (17, 1, 33), (8, 32, 16), (9, 33, 7),
        (13, 31, 29), (16, 64, 300), (31, 65, 257), (64, 96, 513), (70, 47, 129), (2, 100, 600),
        (129, 130, 70), (100, 257, 40), (3, 700, 200), (1, 2100, 130), (72, 70, 1500), (200, 40, 900),
    ];

    [SkippableTheory]
    [MemberData(nameof(Implementations))]
    public void MatchesNaiveOnManyShapesTransposesAndStrides(string name)
    {
        IGemm gemm = MakeOrSkip(name);

        var rng = new Random(11);
        int cases = 0;
        foreach ((int m, int n, int k) in Shapes)
        {
            foreach (bool transA in new[] { false, true })
            {
                foreach (bool transB in new[] { false, true })
                {
                    int pad = rng.Next(0, 3) * 5;
                    (float alpha, float beta) = (cases % 4) switch
                    {
                        0 => (1f, 0f),
                        1 => (0.5f, 1f),
                        2 => (-1.25f, 0.75f),
                        _ => (2f, 0f),
                    };
                    CheckAgainstNaive(gemm, rng, transA, transB, m, n, k, alpha, beta, pad);
                    cases++;
                }
            }
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Implementations))]
    public void BetaZeroIgnoresNaNInC(string name)
    {
        IGemm gemm = MakeOrSkip(name);

        foreach ((int m, int n, int k) in new[] { (3, 5, 4), (40, 70, 300), (1, 200, 64), (96, 96, 96) })
        {
            var rng = new Random(m + n + k);
            float[] a = Random(rng, m * k), b = Random(rng, k * n);
            float[] c = Enumerable.Repeat(float.NaN, m * n).ToArray();
            gemm.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, n);
            Assert.All(c, v => Assert.False(float.IsNaN(v)));
            float[] expected = new float[m * n];
            new NaiveGemm().Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, expected, n);
            AssertClose(expected, c, n, n, m, n, k);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Implementations))]
    public void KZeroScalesC(string name)
    {
        IGemm gemm = MakeOrSkip(name);

        float[] c = [1, 2, 3, 4, 5, 6];
        gemm.Sgemm(false, false, 2, 3, 0, 1f, [], 1, [], 3, 0.5f, c, 3);
        Assert.Equal([0.5f, 1, 1.5f, 2, 2.5f, 3], c);
        float[] nan = [float.NaN, 1];
        gemm.Sgemm(false, false, 1, 2, 0, 1f, [], 1, [], 2, 0f, nan, 2);
        Assert.Equal([0f, 0f], nan);
    }

    [SkippableTheory]
    [MemberData(nameof(Implementations))]
    public void LeavesPaddingColumnsOfCUntouched(string name)
    {
        IGemm gemm = MakeOrSkip(name);

        const int m = 37, n = 45, k = 70, ldc = 50;
        var rng = new Random(5);
        float[] a = Random(rng, m * k), b = Random(rng, k * n);
        float[] c = Enumerable.Repeat(-7f, m * ldc).ToArray();
        gemm.Sgemm(false, false, m, n, k, 1f, a, k, b, n, 0f, c, ldc);
        for (int i = 0; i < m; i++)
        {
            for (int j = n; j < ldc && i * ldc + j < c.Length; j++)
            {
                Assert.Equal(-7f, c[i * ldc + j]);
            }
        }
    }

    [Fact]
    public void ShortSpansGiveAClearError()
    {
        var gemm = new ManagedGemm();
        var e = Assert.Throws<ArgumentException>(() => gemm.Sgemm(false, false, 4, 4, 4, 1f, new float[15], 4, new float[16], 4, 0f, new float[16], 4));
        Assert.Contains("A [4, 4]", e.Message);
        Assert.Throws<ArgumentException>(() => gemm.Sgemm(false, false, 4, 4, 4, 1f, new float[16], 3, new float[16], 4, 0f, new float[16], 4));
    }

    internal static void CheckAgainstNaive(IGemm gemm, Random rng, bool transA, bool transB, int m, int n, int k,
        float alpha, float beta, int pad)
    {
        int lda = (transA ? m : k) + pad, ldb = (transB ? k : n) + pad, ldc = n + pad;
        float[] a = Random(rng, (transA ? k : m) * lda);
        float[] b = Random(rng, (transB ? n : k) * ldb);
        float[] c0 = Random(rng, m * ldc);
        float[] expected = (float[])c0.Clone(), actual = (float[])c0.Clone();
        new NaiveGemm().Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);
        gemm.Sgemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, actual, ldc);
        AssertClose(expected, actual, ldc, n, m, n, k, $"{gemm.Name} transA={transA} transB={transB} m={m} n={n} k={k} alpha={alpha} beta={beta} pad={pad}");
    }

    internal static void AssertClose(float[] expected, float[] actual, int ldc, int width, int m, int n, int k, string what = "")
    {
        // Float32 sums of k products of values in [-1, 1]: error grows like √k·ε, bounded generously by k·ε.
        float tol = 1e-5f * (4 + k);
        for (int i = 0; i < expected.Length; i++)
        {
            bool inC = i % ldc < width;
            float diff = Math.Abs(expected[i] - actual[i]);
            if (inC ? !(diff <= tol) : expected[i] != actual[i])
            {
                Assert.Fail($"{what}: element {i} (row {i / ldc}, col {i % ldc}) expected {expected[i]} got {actual[i]} (tol {tol})");
            }
        }
    }

    internal static float[] Random(Random rng, int length)
    {
        var x = new float[length];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (float)(rng.NextDouble() * 2 - 1);
        }

        return x;
    }
}
