namespace Sift.Tensors;

/// <summary>Cached <see cref="ParallelOptions"/> per thread count, so parallel kernels do not allocate them per call.</summary>
internal static class ParallelPlanOptions
{
    private static readonly ParallelOptions[] Cache = CreateCache();

    public static ParallelOptions For(int threadCount) =>
        threadCount < Cache.Length ? Cache[threadCount] : new ParallelOptions { MaxDegreeOfParallelism = threadCount };

    private static ParallelOptions[] CreateCache()
    {
        var cache = new ParallelOptions[Math.Max(Environment.ProcessorCount, 64) + 1];
        for (int i = 1; i < cache.Length; i++)
        {
            cache[i] = new ParallelOptions { MaxDegreeOfParallelism = i };
        }

        cache[0] = cache[1];
        return cache;
    }
}
