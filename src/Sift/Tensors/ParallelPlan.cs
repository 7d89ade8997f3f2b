namespace Sift.Tensors;

/// <summary>
/// The process-wide thread count for kernels (GEMM, and any kernel that parallelises over its
/// output). Read once from the environment variable SIFT_THREADS (default: all logical cores);
/// settable at run time, e.g. by a CLI option or a test that checks thread-count independence.
/// </summary>
public static class ParallelPlan
{
    private static int threadCount = ReadThreadCount(Environment.GetEnvironmentVariable("SIFT_THREADS"));

    /// <summary>How many threads kernels may use (≥ 1).</summary>
    public static int ThreadCount
    {
        get => Volatile.Read(ref threadCount);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref threadCount, value);
        }
    }

    /// <summary>Parses a SIFT_THREADS value: empty or "auto" means every logical core.</summary>
    public static int ReadThreadCount(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return Environment.ProcessorCount;
        }

        if (!int.TryParse(value.Trim(), out int n) || n < 1)
        {
            throw new ArgumentException($"SIFT_THREADS='{value}' is not a positive integer (or 'auto').", nameof(value));
        }

        return n;
    }
}
