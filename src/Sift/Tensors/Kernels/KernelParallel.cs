namespace Sift.Tensors.Kernels;

/// <summary>
/// Range-splitting for the layer kernels, following the process-wide <see cref="ParallelPlan.ThreadCount"/>
/// (SIFT_THREADS). Kernels split the dimension they WRITE into contiguous ranges whose results
/// never depend on how the ranges are cut, so any thread count gives the same bytes.
/// </summary>
public static class KernelParallel
{
    private static ParallelOptions _options = new() { MaxDegreeOfParallelism = ParallelPlan.ThreadCount };

    /// <summary>Threads kernels may use; the same setting as <see cref="ParallelPlan.ThreadCount"/>.</summary>
    public static int MaxThreads
    {
        get => ParallelPlan.ThreadCount;
        set => ParallelPlan.ThreadCount = Math.Max(1, value);
    }

    /// <summary>
    /// Runs <paramref name="body"/>(start, end) over [0, count) in ranges of at least
    /// <paramref name="grain"/> items; inline when one range suffices.
    /// </summary>
    public static void For(int count, int grain, Action<int, int> body)
    {
        if (count <= 0) return;
        int threads = ParallelPlan.ThreadCount;
        int chunks = Math.Min(threads * 4, (count + Math.Max(1, grain) - 1) / Math.Max(1, grain));
        if (threads <= 1 || chunks <= 1)
        {
            body(0, count);
            return;
        }
        var options = _options;
        if (options.MaxDegreeOfParallelism != threads) _options = options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        int per = (count + chunks - 1) / chunks;
        Parallel.For(0, chunks, options, i =>
        {
            int start = i * per;
            int end = Math.Min(count, start + per);
            if (start < end) body(start, end);
        });
    }
}
