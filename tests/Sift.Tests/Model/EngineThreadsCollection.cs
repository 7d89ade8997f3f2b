namespace Sift.Tests.Model;

/// <summary>
/// Tests that change the process-wide thread count (ParallelPlan.ThreadCount) or need bit-exact
/// repeats through the default GEMM run in this one collection, so xunit never runs them
/// side by side (a concurrent thread-count change could alter OpenBLAS's partitioning).
/// </summary>
[CollectionDefinition(Name)]
public sealed class EngineThreadsCollection
{
    public const string Name = "engine threads";
}
