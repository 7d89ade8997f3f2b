using System.Runtime.Intrinsics;

namespace Sift.Tensors.Kernels;

/// <summary>The vector width a SIMD kernel (<see cref="RowLinear"/>, SimdMath) runs with.</summary>
public enum SimdVariant
{
    /// <summary>Plain scalar loops (fused multiply-adds where the vector paths use them).</summary>
    Scalar,

    /// <summary>256-bit vectors (8 floats).</summary>
    Vector256,

    /// <summary>512-bit vectors (16 floats).</summary>
    Vector512,
}

/// <summary>
/// Which <see cref="SimdVariant"/>s this machine runs and which one the kernels use by default: the widest
/// hardware-accelerated one, exactly the choice the kernels made inline before they became selectable. Tests
/// run every supported variant (as the GEMM runs its Vector256 and Vector512 kernels); SIFT_SIMD
/// (auto, vector512, vector256, scalar) forces one process-wide, like SIFT_GEMM.
/// </summary>
public static class SimdVariants
{
    /// <summary>The variant the kernels use when none is given: SIFT_SIMD, else <see cref="Best"/>.</summary>
    public static readonly SimdVariant Default = Parse(Environment.GetEnvironmentVariable("SIFT_SIMD"));

    /// <summary>The widest hardware-accelerated variant.</summary>
    public static SimdVariant Best =>
        Vector512.IsHardwareAccelerated ? SimdVariant.Vector512 : Vector256.IsHardwareAccelerated ? SimdVariant.Vector256 : SimdVariant.Scalar;

    /// <summary>Whether <paramref name="variant"/> is hardware-accelerated here (scalar always is).</summary>
    public static bool IsSupported(SimdVariant variant) => variant switch
    {
        SimdVariant.Vector512 => Vector512.IsHardwareAccelerated,
        SimdVariant.Vector256 => Vector256.IsHardwareAccelerated,
        SimdVariant.Scalar => true,
        _ => false,
    };

    /// <summary>Every supported variant, widest first.</summary>
    public static IReadOnlyList<SimdVariant> Supported =>
        [.. new[] { SimdVariant.Vector512, SimdVariant.Vector256, SimdVariant.Scalar }.Where(IsSupported)];

    /// <summary>A SIFT_SIMD value: empty or "auto" is <see cref="Best"/>; a named variant must be supported here.</summary>
    public static SimdVariant Parse(string? name)
    {
        var variant = name?.Trim().ToLowerInvariant() switch
        {
            null or "" or "auto" => Best,
            "vector512" or "avx512" => SimdVariant.Vector512,
            "vector256" or "avx2" => SimdVariant.Vector256,
            "scalar" => SimdVariant.Scalar,
            _ => throw new ArgumentException($"Unknown SIFT_SIMD value '{name}'. Use auto, vector512, vector256 or scalar.", nameof(name)),
        };
        if (!IsSupported(variant))
            throw new ArgumentException($"SIFT_SIMD={name}: {variant} is not hardware-accelerated on this machine. Use auto or one of: {string.Join(", ", Supported)}.", nameof(name));
        return variant;
    }
}
