using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Sift.Tensors;

/// <summary>In-register 8×8 float transpose for the packing routines (AVX unpack/shuffle/permute, with a portable fallback).</summary>
internal static class GemmTranspose
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Transpose8x8(ref Vector256<float> r0, ref Vector256<float> r1, ref Vector256<float> r2, ref Vector256<float> r3,
        ref Vector256<float> r4, ref Vector256<float> r5, ref Vector256<float> r6, ref Vector256<float> r7)
    {
        if (Avx.IsSupported)
        {
            Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
            Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
            Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
            Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
            Vector256<float> s0 = Avx.Shuffle(t0, t2, 0x44), s1 = Avx.Shuffle(t0, t2, 0xEE);
            Vector256<float> s2 = Avx.Shuffle(t1, t3, 0x44), s3 = Avx.Shuffle(t1, t3, 0xEE);
            Vector256<float> s4 = Avx.Shuffle(t4, t6, 0x44), s5 = Avx.Shuffle(t4, t6, 0xEE);
            Vector256<float> s6 = Avx.Shuffle(t5, t7, 0x44), s7 = Avx.Shuffle(t5, t7, 0xEE);
            r0 = Avx.Permute2x128(s0, s4, 0x20);
            r1 = Avx.Permute2x128(s1, s5, 0x20);
            r2 = Avx.Permute2x128(s2, s6, 0x20);
            r3 = Avx.Permute2x128(s3, s7, 0x20);
            r4 = Avx.Permute2x128(s0, s4, 0x31);
            r5 = Avx.Permute2x128(s1, s5, 0x31);
            r6 = Avx.Permute2x128(s2, s6, 0x31);
            r7 = Avx.Permute2x128(s3, s7, 0x31);
            return;
        }

        Span<float> m = stackalloc float[64];
        r0.CopyTo(m); r1.CopyTo(m[8..]); r2.CopyTo(m[16..]); r3.CopyTo(m[24..]);
        r4.CopyTo(m[32..]); r5.CopyTo(m[40..]); r6.CopyTo(m[48..]); r7.CopyTo(m[56..]);
        Span<float> t = stackalloc float[64];
        for (int i = 0; i < 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                t[j * 8 + i] = m[i * 8 + j];
            }
        }

        r0 = Vector256.Create<float>(t); r1 = Vector256.Create<float>(t[8..]); r2 = Vector256.Create<float>(t[16..]); r3 = Vector256.Create<float>(t[24..]);
        r4 = Vector256.Create<float>(t[32..]); r5 = Vector256.Create<float>(t[40..]); r6 = Vector256.Create<float>(t[48..]); r7 = Vector256.Create<float>(t[56..]);
    }
}
