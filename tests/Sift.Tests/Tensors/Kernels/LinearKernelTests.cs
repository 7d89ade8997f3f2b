using Sift.Tensors.Kernels;
using Sift.Tests.Support;
using static Sift.Tests.Tensors.Kernels.GradientCheck;

namespace Sift.Tests.Tensors.Kernels;

public sealed class LinearKernelTests
{
    public static IEnumerable<object[]> Gemms() => GemmCases.All();

    [Theory]
    [MemberData(nameof(Gemms))]
    public void Linear_backward_matches_finite_differences_naive_and_fast(string gemmName)
    {
        var gemm = GemmCases.Get(gemmName);
        const int n = 5, inF = 7, outF = 6;
        var x = Random(n * inF, 31);
        var w = Random(outF * inF, 32);
        var b = Random(outF, 33);
        double[] Fwd(double[][] inp)
        {
            var y = new double[n * outF];
            NaiveKernels<double>.LinearForward(inp[0], inp[1], inp[2], y, n, inF, outF);
            return y;
        }
        FiniteDifference.Check([x, w, b], Fwd, dy =>
        {
            var dx = new double[n * inF];
            var dw = new double[outF * inF];
            var db = new double[outF];
            NaiveKernels<double>.LinearBackward(dy, x, w, dx, dw, db, n, inF, outF);
            return [dx, dw, db];
        }, 1e-6);
        FiniteDifference.Check([x, w, b], Fwd, dy =>
        {
            var y = new float[n * outF];
            Linear.Forward(gemm, ToFloat(x), ToFloat(w), ToFloat(b), y, n, inF, outF);
            Close(Fwd([x, w, b]), y, 1e-5, "linear forward");
            var dx = new float[n * inF];
            var dw = new float[outF * inF];
            var db = new float[outF];
            Linear.Backward(gemm, ToFloat(dy), ToFloat(x), ToFloat(w), dx, dw, db, n, inF, outF);
            return [ToDouble(dx), ToDouble(dw), ToDouble(db)];
        }, 1e-4);
    }

    [Theory]
    [MemberData(nameof(Gemms))]
    public void Linear_backward_adds_and_handles_missing_bias(string gemmName)
    {
        var gemm = GemmCases.Get(gemmName);
        const int n = 33, inF = 40, outF = 24;
        var x = ToFloat(Random(n * inF, 34));
        var w = ToFloat(Random(outF * inF, 35));
        var dy = ToFloat(Random(n * outF, 36));
        var dx = Enumerable.Repeat(0.5f, n * inF).ToArray();
        var dw = Enumerable.Repeat(-0.25f, outF * inF).ToArray();
        Linear.Backward(gemm, dy, x, w, dx, dw, default, n, inF, outF);
        var ex = Enumerable.Repeat(0.5, n * inF).ToArray();
        var ew = Enumerable.Repeat(-0.25, outF * inF).ToArray();
        NaiveKernels<double>.LinearBackward(ToDouble(dy), ToDouble(x), ToDouble(w), ex, ew, default, n, inF, outF);
        Close(ex, dx, 1e-5, "dx");
        Close(ew, dw, 1e-5, "dw");
    }
}
