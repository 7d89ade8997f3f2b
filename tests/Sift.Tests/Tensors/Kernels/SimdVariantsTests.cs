using System.Runtime.Intrinsics;
using Sift.Tensors.Kernels;

namespace Sift.Tests.Tensors.Kernels;

public sealed class SimdVariantsTests
{
    [Fact]
    public void The_default_is_the_widest_accelerated_width_as_the_kernels_chose_inline()
    {
        var inline = Vector512.IsHardwareAccelerated ? SimdVariant.Vector512 : Vector256.IsHardwareAccelerated ? SimdVariant.Vector256 : SimdVariant.Scalar;
        Assert.Equal(inline, SimdVariants.Best);
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("SIFT_SIMD"))) Assert.Equal(inline, SimdVariants.Default);
        Assert.Equal(SimdVariants.Best, SimdVariants.Supported[0]);
        Assert.Contains(SimdVariant.Scalar, SimdVariants.Supported);
    }

    [Fact]
    public void Parses_sift_simd_and_refuses_unknown_or_unsupported_widths()
    {
        Assert.Equal(SimdVariants.Best, SimdVariants.Parse(null));
        Assert.Equal(SimdVariants.Best, SimdVariants.Parse(" Auto "));
        Assert.Equal(SimdVariant.Scalar, SimdVariants.Parse("scalar"));
        Assert.Contains("vector256", Assert.Throws<ArgumentException>(() => SimdVariants.Parse("sse9")).Message, StringComparison.Ordinal);
        foreach (var v in Enum.GetValues<SimdVariant>())
        {
            if (SimdVariants.IsSupported(v)) Assert.Equal(v, SimdVariants.Parse(v.ToString()));
            else Assert.Contains("not hardware-accelerated", Assert.Throws<ArgumentException>(() => SimdVariants.Parse(v.ToString())).Message, StringComparison.Ordinal);
        }
    }
}
