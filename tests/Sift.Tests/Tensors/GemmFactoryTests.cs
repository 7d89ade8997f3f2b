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
