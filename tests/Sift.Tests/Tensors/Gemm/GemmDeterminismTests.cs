using Sift.Tensors;
using Sift.Tests.Support;
using Xunit.Abstractions;

namespace Sift.Tests.Tensors.Gemm;

/// <summary>Bit-exact reproducibility of the managed GEMM: thread count, batch composition, kernel width; plus allocation and OpenBLAS repeatability.</summary>
public sealed class GemmDeterminismTests(ITestOutputHelper output)
{
    private static readonly (int M, int N, int K, bool TransA, bool TransB)[] ParallelShapes =
    [
        (300, 200, 700, false, false), (257, 129, 513, true, false), (5, 3000, 300, false, true),
        (70, 900, 64, true, true), (33, 33, 1000, false, true),
    ];

    [Fact]
    public void ManagedResultsAreIdenticalForOneTwoAndThreeThreads()
    {
        foreach ((int m, int n, int k, bool ta, bool tb) in ParallelShapes)
        {
            float[] one = Multiply(new ManagedGemm(true, 1), m, n, k, ta, tb, beta: 0.5f);
            float[] two = Multiply(new ManagedGemm(true, 2), m, n, k, ta, tb, beta: 0.5f);
            float[] three = Multiply(new ManagedGemm(threads: 3), m, n, k, ta, tb, beta: 0.5f);
            Assert.Equal(one, two);
            Assert.Equal(one, three);
        }
    }

    [Fact]
    public void Vector256AndVector512KernelsGiveIdenticalBits()
    {
        foreach ((int m, int n, int k, bool ta, bool tb) in ParallelShapes)
        {
            Assert.Equal(Multiply(new ManagedGemm(true, 2), m, n, k, ta, tb, 1f),
                Multiply(new ManagedGemm(false, 2), m, n, k, ta, tb, 1f));
        }
    }

    /// <summary>Batched sampling needs a row of C to come out the same whatever the other rows are.</summary>
    [Fact]
    public void EachRowOfCIsIndependentOfTheOtherRows()
    {
        var gemm = new ManagedGemm(true, 2);
        foreach (bool transB in new[] { true, false })
        {
            const int m = 21, n = 1100, k = 700;
            var rng = new Random(3);
            float[] a = GemmTests.Random(rng, m * k);
            float[] b = GemmTests.Random(rng, n * k);
            float[] all = new float[m * n];
            gemm.Sgemm(false, transB, m, n, k, 1f, a, k, b, transB ? k : n, 0f, all, n);
            foreach (int rows in new[] { 1, 3, 16 })
            {
                int first = m - rows;
                float[] part = new float[rows * n];
                gemm.Sgemm(false, transB, rows, n, k, 1f, a.AsSpan(first * k), k, b, transB ? k : n, 0f, part, n);
                Assert.Equal(all.AsSpan(first * n).ToArray(), part);
            }
        }
    }

    [Fact]
    public void SteadyStateManagedCallAllocatesAlmostNothing()
    {
        const int m = 256, n = 256, k = 256;
        var rng = new Random(1);
        float[] a = GemmTests.Random(rng, m * k), b = GemmTests.Random(rng, k * n), c = new float[m * n];
        foreach (int threads in new[] { 1, 2 })
        {
            var gemm = new ManagedGemm(true, threads);
            for (int i = 0; i < 3; i++)
            {
                gemm.Sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            gemm.Sgemm(false, true, m, n, k, 1f, a, k, b, k, 0f, c, n);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            output.WriteLine($"threads={threads}: {bytes} bytes allocated by a warm call");

            // One thread: nothing at all. Two: Parallel.For's own bookkeeping and the small job object.
            Assert.True(bytes <= (threads == 1 ? 0 : 4096), $"threads={threads}: a warm call allocated {bytes} bytes");
        }
    }

    [SkippableFact]
    public void OpenBlasIsRepeatable()
    {
        Requires.OpenBlas();

        output.WriteLine($"OpenBLAS core type: {OpenBlasGemm.CoreType ?? "(auto)"}, running {OpenBlasGemm.CoreName}");
        if (OpenBlasGemm.CoreType is { } coreType && OpenBlasGemm.CoreName is { } coreName)
        {
            // The core type set before loading must be the one OpenBLAS runs (not its Prescott fallback).
            Assert.Equal(coreType, coreName, ignoreCase: true);
        }

        var gemm = new OpenBlasGemm();
        Assert.Equal(Multiply(gemm, 300, 200, 700, false, true, 0f), Multiply(gemm, 300, 200, 700, false, true, 0f));
    }

    private static float[] Multiply(IGemm gemm, int m, int n, int k, bool transA, bool transB, float beta)
    {
        var rng = new Random(m * 31 + n * 7 + k);
        float[] a = GemmTests.Random(rng, m * k), b = GemmTests.Random(rng, k * n), c = GemmTests.Random(rng, m * n);
        gemm.Sgemm(transA, transB, m, n, k, 1.5f, a, transA ? m : k, b, transB ? k : n, beta, c, n);
        return c;
    }
}
