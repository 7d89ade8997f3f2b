using Sift.Tensors;

namespace Sift.Tests.Tensors;

public sealed class GemmFactoryTests
{
    [Fact]
    public void CreatesEachNamedImplementation()
    {
        Assert.IsType<NaiveGemm>(GemmFactory.Create("naive"));
        Assert.IsType<ManagedGemm>(GemmFactory.Create(" Managed "));
        Assert.Contains("managed", GemmFactory.Available);
        Assert.Contains("naive", GemmFactory.Available);
        if (OpenBlasGemm.IsAvailable)
        {
            Assert.IsType<OpenBlasGemm>(GemmFactory.Create("openblas"));
            Assert.IsType<OpenBlasGemm>(GemmFactory.Create("auto"));
            Assert.IsType<OpenBlasGemm>(GemmFactory.Create(null));
            Assert.Contains("openblas", GemmFactory.Available);
        }
        else
        {
            Assert.IsType<ManagedGemm>(GemmFactory.Create(""));
            var e = Assert.Throws<InvalidOperationException>(() => GemmFactory.Create("openblas"));
            Assert.Contains("libopenblas", e.Message);
        }
    }

    [Fact]
    public void ParsesBenchmarkShapes()
    {
        GemmShape s = GemmShape.Parse("4096x3072x768:NT");
        Assert.Equal((4096, 3072, 768, false, true), (s.M, s.N, s.K, s.TransA, s.TransB));
        Assert.Equal(2.0 * 4096 * 3072 * 768, s.Flops);
        Assert.Equal("4096x3072x768:NT", s.Spec);
        Assert.All(GemmBenchmark.StandardShapes, x => Assert.Equal((x.M, x.N, x.K, x.TransA, x.TransB),
            (GemmShape.Parse(x.Spec).M, GemmShape.Parse(x.Spec).N, GemmShape.Parse(x.Spec).K, GemmShape.Parse(x.Spec).TransA, GemmShape.Parse(x.Spec).TransB)));
        GemmShape t = GemmShape.Parse("5X6x7:TN");
        Assert.Equal((5, 6, 7, true, false), (t.M, t.N, t.K, t.TransA, t.TransB));
        Assert.Throws<FormatException>(() => GemmShape.Parse("8x8"));
        Assert.Throws<FormatException>(() => GemmShape.Parse("8x8x8:XN"));
        Assert.Throws<FormatException>(() => GemmShape.Parse("0x8x8"));
    }

    [Fact]
    public void BenchmarkReportsPositiveThroughputForEachImplementation()
    {
        var shape = new GemmShape("tiny", 64, 48, 40);
        var results = GemmBenchmark.RunInterleaved([new NaiveGemm(), new ManagedGemm()], shape, runs: 3, warmup: 1);
        Assert.Equal(["naive", "managed"], results.Select(r => r.Implementation));
        Assert.All(results, r => Assert.True(r.MedianGflops > 0 && r.RunGflops.Count == 3));
    }

    [Fact]
    public void UnknownNameIsAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => GemmFactory.Create("cublas"));
        Assert.Contains("cublas", e.Message);
        Assert.Contains("managed", e.Message);
    }

    [Fact]
    public void ThreadCountSettingParses()
    {
        Assert.Equal(Environment.ProcessorCount, ParallelPlan.ReadThreadCount(null));
        Assert.Equal(Environment.ProcessorCount, ParallelPlan.ReadThreadCount("auto"));
        Assert.Equal(3, ParallelPlan.ReadThreadCount(" 3 "));
        Assert.Throws<ArgumentException>(() => ParallelPlan.ReadThreadCount("0"));
        Assert.Throws<ArgumentException>(() => ParallelPlan.ReadThreadCount("two"));
    }

    [Fact]
    public void OpenBlasCoreTypeFollowsTheCpu()
    {
        string? recommended = OpenBlasGemm.RecommendedCoreType();
        if (System.Runtime.Intrinsics.X86.Avx512F.IsSupported)
        {
            Assert.Equal("SKYLAKEX", recommended);
        }
        else if (System.Runtime.Intrinsics.X86.Avx2.IsSupported)
        {
            Assert.Equal("HASWELL", recommended);
        }
    }
}
