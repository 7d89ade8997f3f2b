using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sift.Training;

/// <summary>
/// Global-norm gradient clipping as <c>torch.nn.utils.clip_grad_norm_</c> (Pascanu et al., "On the
/// difficulty of training recurrent neural networks", 2013): the L2 norm of all gradients together;
/// when it exceeds <c>maxNorm</c> every gradient is scaled by <c>maxNorm / (norm + 1e-6)</c>.
/// The sum of squares is accumulated in double over fixed chunks of <see cref="ChunkElements"/>
/// whose partial sums are added in index order, so the norm is the same bytes for any thread count.
/// </summary>
public static unsafe class GradientClipping
{
    /// <summary>Fixed reduction chunk: the partition never depends on the thread count.</summary>
    public const int ChunkElements = 1 << 14;

    private const int ParallelThreshold = 1 << 18;

    /// <summary>
    /// Clips <paramref name="gradients"/> in place to global L2 norm <paramref name="maxNorm"/> and
    /// returns the norm before clipping. <paramref name="maxNorm"/> ≤ 0 only measures.
    /// </summary>
    /// <param name="gradients">[n] the flat gradient block (padding between tensors must be zero).</param>
    public static float ClipGlobalNorm(Span<float> gradients, float maxNorm)
    {
        double norm = GlobalNorm(gradients);
        if (maxNorm > 0)
        {
            // torch: clip_coef = max_norm / (total_norm + 1e-6), applied only when < 1.
            float coef = (float)(maxNorm / (norm + 1e-6));
            if (coef < 1f) Scale(gradients, coef);
        }
        return (float)norm;
    }

    /// <summary>The L2 norm of <paramref name="values"/>, accumulated in double in a fixed chunked order.</summary>
    /// <param name="values">[n]</param>
    public static double GlobalNorm(ReadOnlySpan<float> values)
    {
        int chunks = (values.Length + ChunkElements - 1) / ChunkElements;
        if (chunks <= 1) return Math.Sqrt(SumOfSquares(values));
        double[] partials = ArrayPool<double>.Shared.Rent(chunks);
        try
        {
            fixed (float* p = values)
            {
                if (values.Length >= ParallelThreshold && Environment.ProcessorCount > 1)
                {
                    var job = new NormJob(p, values.Length, partials);
                    Parallel.For(0, chunks, job.Run);
                }
                else
                {
                    for (int c = 0; c < chunks; c++) partials[c] = SumOfSquares(Chunk(p, values.Length, c));
                }
            }
            double total = 0;
            for (int c = 0; c < chunks; c++) total += partials[c];
            return Math.Sqrt(total);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(partials);
        }
    }

    /// <summary>The naive twin of <see cref="GlobalNorm"/>: one double accumulator, element by element.</summary>
    public static double GlobalNormNaive(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float x in values) sum += (double)x * x;
        return Math.Sqrt(sum);
    }

    private static ReadOnlySpan<float> Chunk(float* p, int length, int c)
    {
        int start = c * ChunkElements;
        return new ReadOnlySpan<float>(p + start, Math.Min(ChunkElements, length - start));
    }

    /// <summary>Σx² of one chunk in double: 8 double lanes (two per float lane pair), then lanes summed in order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double SumOfSquares(ReadOnlySpan<float> x)
    {
        var acc0 = Vector512<double>.Zero;
        var acc1 = Vector512<double>.Zero;
        int i = 0;
        for (; i <= x.Length - Vector512<float>.Count; i += Vector512<float>.Count)
        {
            var (lo, hi) = Vector512.Widen(Vector512.Create(x.Slice(i, Vector512<float>.Count)));
            acc0 += lo * lo;
            acc1 += hi * hi;
        }
        double sum = Vector512.Sum(acc0 + acc1);
        for (; i < x.Length; i++) sum += (double)x[i] * x[i];
        return sum;
    }

    private static void Scale(Span<float> values, float factor)
    {
        System.Numerics.Tensors.TensorPrimitives.Multiply(values, factor, values);
    }

    private sealed class NormJob(float* p, int length, double[] partials)
    {
        public void Run(int c) => partials[c] = SumOfSquares(Chunk(p, length, c));
    }
}
