using Sift.Tensors.Kernels;
using static Sift.Tests.Kernels.GradientCheck;

namespace Sift.Tests.Kernels;

/// <summary>The decode-step linear: right (against the naive twin) and batch-invariant (bit-identical rows for any row count).</summary>
public sealed class RowLinearTests
{
    [Theory]
    [InlineData(37, 21, true)]
    [InlineData(384, 1152, false)]
    [InlineData(16, 4, true)]
    public void Matches_naive_and_rows_do_not_depend_on_the_row_count(int inF, int outF, bool bias)
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
        RowLinear.Forward(xf, wf, bf, all, rows, inF, outF);
        Close(expected, all, 1e-5, "rowlinear");
        foreach (int m in new[] { 1, 2, 3, 8, 16 })
        {
            var part = new float[m * outF];
            RowLinear.Forward(xf.AsSpan(0, m * inF), wf, bf, part, m, inF, outF);
            Assert.True(part.AsSpan().SequenceEqual(all.AsSpan(0, m * outF)), $"rows differ between m={m} and m={rows}");
        }
        // The last row alone (another offset in the batch) gives the same floats too.
        var last = new float[outF];
        RowLinear.Forward(xf.AsSpan((rows - 1) * inF, inF), wf, bf, last, 1, inF, outF);
        Assert.True(last.AsSpan().SequenceEqual(all.AsSpan((rows - 1) * outF, outF)));
    }
}
