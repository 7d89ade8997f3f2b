using Sift.Tensors.Kernels;
using static Sift.Tests.Tensors.Kernels.GradientCheck;

namespace Sift.Tests.Tensors.Kernels;

/// <summary>SimdMath's dot product and axpy on every variant, against naive double-precision twins, across the vector-width boundaries.</summary>
public sealed unsafe class SimdMathTests
{
    private static readonly int[] Lengths = [0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 47, 64, 100, 257];

    public static TheoryData<SimdVariant> Variants() => SimdVariantCases.All();

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void Dot_matches_the_naive_sum(SimdVariant variant)
    {
        SimdVariantCases.Require(variant);
        foreach (int n in Lengths)
        {
            var a = ToFloat(Random(n, n + 1));
            var b = ToFloat(Random(n, n + 2));
            double expected = 0;
            for (int i = 0; i < n; i++) expected += (double)a[i] * b[i];
            float got;
            fixed (float* pa = a, pb = b) got = SimdMath.Dot(pa, pb, n, variant);
            Assert.True(Math.Abs(got - expected) <= 1e-5 * Math.Max(1, n), $"{variant} n={n}: expected {expected:G9}, got {got:G9}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void Axpy_matches_the_naive_update_and_writes_only_n_floats(SimdVariant variant)
    {
        SimdVariantCases.Require(variant);
        foreach (int n in Lengths)
        {
            var x = ToFloat(Random(n, n + 3));
            var y = ToFloat(Random(n + 1, n + 4));
            var expected = ToDouble(y);
            for (int i = 0; i < n; i++) expected[i] += -0.75 * x[i];
            fixed (float* px = x, py = y) SimdMath.Axpy(-0.75f, px, py, n, variant);
            Close(expected, y, 1e-6, $"{variant} axpy n={n}");
            Assert.Equal((float)expected[n], y[n]); // the float after the n updated ones is untouched
        }
    }

    [Fact]
    public void The_default_overloads_are_the_default_variant_bit_for_bit()
    {
        foreach (int n in Lengths)
        {
            var a = ToFloat(Random(n, n + 5));
            var b = ToFloat(Random(n, n + 6));
            var y1 = ToFloat(Random(n, n + 7));
            var y2 = (float[])y1.Clone();
            fixed (float* pa = a, pb = b, p1 = y1, p2 = y2)
            {
                Assert.Equal(SimdMath.Dot(pa, pb, n, SimdVariants.Default), SimdMath.Dot(pa, pb, n));
                SimdMath.Axpy(1.5f, pa, p1, n);
                SimdMath.Axpy(1.5f, pa, p2, n, SimdVariants.Default);
            }
            Assert.Equal(y2, y1);
        }
    }
}
