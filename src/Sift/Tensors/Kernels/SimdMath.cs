using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Sift.Tensors.Kernels;

/// <summary>
/// Small pointer-level vector helpers for the inner loops of attention and the optimizer. Each takes a
/// <see cref="SimdVariant"/> so every variant can be tested; the overloads without one use
/// <see cref="SimdVariants.Default"/> (a static readonly value the JIT folds, so the dispatch costs nothing).
/// </summary>
internal static unsafe class SimdMath
{
    /// <summary>Σ a[i]·b[i] over n floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int n) => Dot(a, b, n, SimdVariants.Default);

    /// <summary>Σ a[i]·b[i] over n floats with <paramref name="variant"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Dot(float* a, float* b, int n, SimdVariant variant) => variant switch
    {
        SimdVariant.Vector512 => Dot512(a, b, n),
        SimdVariant.Vector256 => Dot256(a, b, n),
        _ => DotScalar(a, b, 0, n, 0f),
    };

    // Under 16 floats the 512-bit path hands over to the 256-bit one, as the inline choice always did.
    private static float Dot512(float* a, float* b, int n)
    {
        if (n < 16) return Vector256.IsHardwareAccelerated ? Dot256(a, b, n) : DotScalar(a, b, 0, n, 0f);
        int i = 0;
        var acc0 = Vector512<float>.Zero;
        var acc1 = Vector512<float>.Zero;
        for (; i + 32 <= n; i += 32)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
            acc1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i + 16), Vector512.Load(b + i + 16), acc1);
        }
        for (; i + 16 <= n; i += 16)
        {
            acc0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + i), Vector512.Load(b + i), acc0);
        }
        return DotScalar(a, b, i, n, Vector512.Sum(acc0 + acc1));
    }

    private static float Dot256(float* a, float* b, int n)
    {
        if (n < 8) return DotScalar(a, b, 0, n, 0f);
        int i = 0;
        var acc0 = Vector256<float>.Zero;
        for (; i + 8 <= n; i += 8)
        {
            acc0 = Vector256.FusedMultiplyAdd(Vector256.Load(a + i), Vector256.Load(b + i), acc0);
        }
        return DotScalar(a, b, i, n, Vector256.Sum(acc0));
    }

    // The tail (and the scalar variant): plain multiply-add, not fused, as before.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float DotScalar(float* a, float* b, int i, int n, float sum)
    {
        for (; i < n; i++) sum += a[i] * b[i];
        return sum;
    }

    /// <summary>y[i] += alpha·x[i] over n floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float alpha, float* x, float* y, int n) => Axpy(alpha, x, y, n, SimdVariants.Default);

    /// <summary>y[i] += alpha·x[i] over n floats with <paramref name="variant"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Axpy(float alpha, float* x, float* y, int n, SimdVariant variant)
    {
        int i = 0;
        if (variant == SimdVariant.Vector512)
        {
            var va = Vector512.Create(alpha);
            for (; i + 16 <= n; i += 16)
            {
                Vector512.FusedMultiplyAdd(va, Vector512.Load(x + i), Vector512.Load(y + i)).Store(y + i);
            }
        }
        else if (variant == SimdVariant.Vector256)
        {
            var va = Vector256.Create(alpha);
            for (; i + 8 <= n; i += 8)
            {
                Vector256.FusedMultiplyAdd(va, Vector256.Load(x + i), Vector256.Load(y + i)).Store(y + i);
            }
        }
        for (; i < n; i++) y[i] = MathF.FusedMultiplyAdd(alpha, x[i], y[i]);
    }
}
