using Sift.Tensors.Kernels;
using static Sift.Tests.Tensors.Kernels.GradientCheck;

namespace Sift.Tests.Tensors.Kernels;

/// <summary>
/// The decode-step linear on every SIMD variant: right (against the naive twin) and batch-invariant
/// (bit-identical rows for any row count); the default overload is the default variant bit for bit.
/// </summary>
public sealed class RowLinearTests
{
    private static readonly (int In, int Out, bool Bias)[] Shapes = [(37, 21, true), (384, 1152, false), (16, 4, true), (7, 9, false), (24, 8, true)];

    public static TheoryData<SimdVariant> Variants() => SimdVariantCases.All();

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void Matches_naive_and_rows_do_not_depend_on_the_row_count(SimdVariant variant)
    {
        SimdVariantCases.Require(variant);
        foreach (var (inF, outF, bias) in Shapes)
        {
            const int rows = 17;
            var x = Random(rows * inF, 1);
            var w = Random(outF * inF, 2, 0.1);
            var b = bias ? Random(outF, 3) : null;
            var expected = new double[rows * outF];
            NaiveKernels<double>.LinearForward(x, w, b, expected, rows, inF, outF);
            var xf = ToFloat(x);
            var wf = ToFloat(w);
            var bf = b is null ? null : ToFloat(b);
            var all = new float[rows * outF];
            RowLinear.Forward(xf, wf, bf, all, rows, inF, outF, variant);
            Close(expected, all, 1e-5, $"rowlinear {variant} {inF}x{outF}");
            foreach (int m in new[] { 1, 2, 3, 8, 16 })
            {
                var part = new float[m * outF];
                RowLinear.Forward(xf.AsSpan(0, m * inF), wf, bf, part, m, inF, outF, variant);
                Assert.True(part.AsSpan().SequenceEqual(all.AsSpan(0, m * outF)), $"{variant} {inF}x{outF}: rows differ between m={m} and m={rows}");
            }
            // The last row alone (another offset in the batch) gives the same floats too.
            var last = new float[outF];
            RowLinear.Forward(xf.AsSpan((rows - 1) * inF, inF), wf, bf, last, 1, inF, outF, variant);
            Assert.True(last.AsSpan().SequenceEqual(all.AsSpan((rows - 1) * outF, outF)), $"{variant} {inF}x{outF}: the last row alone differs");
        }
    }

    [Fact]
    public void The_default_overload_is_the_default_variant_bit_for_bit()
    {
        const int rows = 9, inF = 53, outF = 70;
        var xf = ToFloat(Random(rows * inF, 4));
        var wf = ToFloat(Random(outF * inF, 5, 0.1));
        var bf = ToFloat(Random(outF, 6));
        var byDefault = new float[rows * outF];
        var chosen = new float[rows * outF];
        RowLinear.Forward(xf, wf, bf, byDefault, rows, inF, outF);
        RowLinear.Forward(xf, wf, bf, chosen, rows, inF, outF, SimdVariants.Default);
        Assert.Equal(chosen, byDefault);
    }

    [Fact]
    public void An_unsupported_variant_is_refused_not_emulated()
    {
        // The variants this CPU lacks, plus a value no CPU has, so the refusal runs on every machine.
        var unsupported = Enum.GetValues<SimdVariant>().Where(v => !SimdVariants.IsSupported(v)).Append((SimdVariant)99).ToList();
        foreach (var v in unsupported)
            Assert.Throws<ArgumentException>(() => RowLinear.Forward(new float[4], new float[4], default, new float[1], 1, 4, 1, v));
    }
}
