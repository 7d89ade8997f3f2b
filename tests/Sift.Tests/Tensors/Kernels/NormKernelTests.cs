using Sift.Tensors.Kernels;
using Sift.Tests.Support;
using static Sift.Tests.Tensors.Kernels.GradientCheck;

namespace Sift.Tests.Tensors.Kernels;

public sealed class NormKernelTests
{
    private const int N = 3, C = 8;

    [Fact]
    public void RmsNorm_backward_matches_finite_differences_naive_and_fast()
    {
        var x = Random(N * C, 1);
        var w = Random(C, 2);
        double eps = 1e-5;
        FiniteDifference.Check([x, w], inp =>
        {
            var y = new double[N * C];
            NaiveKernels<double>.RmsNormForward(inp[0], inp[1], y, C, eps);
            return y;
        }, dy =>
        {
            var dx = new double[N * C];
            var dw = new double[C];
            NaiveKernels<double>.RmsNormBackward(dy, x, w, dx, dw, C, eps);
            return [dx, dw];
        }, 1e-6);
        FiniteDifference.Check([x, w], inp =>
        {
            var y = new double[N * C];
            NaiveKernels<double>.RmsNormForward(inp[0], inp[1], y, C, eps);
            return y;
        }, dy =>
        {
            var xf = ToFloat(x);
            var wf = ToFloat(w);
            var yf = new float[N * C];
            var rstd = new float[N];
            RmsNorm.Forward(xf, wf, yf, rstd, C, (float)eps);
            var dx = new float[N * C];
            var dw = new float[C];
            RmsNorm.Backward(ToFloat(dy), xf, wf, rstd, dx, dw, C);
            return [ToDouble(dx), ToDouble(dw)];
        }, 1e-4);
    }

    [Fact]
    public void RmsNorm_fast_forward_matches_naive()
    {
        var x = Random(N * C, 3);
        var w = Random(C, 4);
        var expected = new double[N * C];
        NaiveKernels<double>.RmsNormForward(x, w, expected, C, 1e-5);
        var y = new float[N * C];
        RmsNorm.Forward(ToFloat(x), ToFloat(w), y, new float[N], C, 1e-5f);
        Close(expected, y, 1e-5, "rmsnorm");
    }

    [Fact]
    public void LayerNorm_backward_matches_finite_differences_naive_and_fast()
    {
        var x = Random(N * C, 5);
        var w = Random(C, 6);
        var b = Random(C, 7);
        double eps = 1e-5;
        double[] Fwd(double[][] inp)
        {
            var y = new double[N * C];
            NaiveKernels<double>.LayerNormForward(inp[0], inp[1], inp[2], y, C, eps);
            return y;
        }
        FiniteDifference.Check([x, w, b], Fwd, dy =>
        {
            var dx = new double[N * C];
            var dw = new double[C];
            var db = new double[C];
            NaiveKernels<double>.LayerNormBackward(dy, x, w, dx, dw, db, C, eps);
            return [dx, dw, db];
        }, 1e-6);
        FiniteDifference.Check([x, w, b], Fwd, dy =>
        {
            var xf = ToFloat(x);
            var wf = ToFloat(w);
            var yf = new float[N * C];
            var mean = new float[N];
            var rstd = new float[N];
            LayerNorm.Forward(xf, wf, ToFloat(b), yf, mean, rstd, C, (float)eps);
            Close(Fwd([x, w, b]), yf, 1e-5, "layernorm forward");
            var dx = new float[N * C];
            var dw = new float[C];
            var db = new float[C];
            LayerNorm.Backward(ToFloat(dy), xf, wf, mean, rstd, dx, dw, db, C);
            return [ToDouble(dx), ToDouble(dw), ToDouble(db)];
        }, 1e-4);
    }

    [Fact]
    public void Norm_backward_adds_into_gradients()
    {
        var x = ToFloat(Random(N * C, 8));
        var w = ToFloat(Random(C, 9));
        var dy = ToFloat(Random(N * C, 10));
        var rstd = new float[N];
        RmsNorm.Forward(x, w, new float[N * C], rstd, C, 1e-5f);
        var dx1 = new float[N * C];
        var dw1 = new float[C];
        RmsNorm.Backward(dy, x, w, rstd, dx1, dw1, C);
        var dx2 = Enumerable.Repeat(1f, N * C).ToArray();
        var dw2 = Enumerable.Repeat(1f, C).ToArray();
        RmsNorm.Backward(dy, x, w, rstd, dx2, dw2, C);
        for (int i = 0; i < dx1.Length; i++) Assert.Equal(dx1[i] + 1f, dx2[i], 5);
        for (int i = 0; i < dw1.Length; i++) Assert.Equal(dw1[i] + 1f, dw2[i], 5);
    }
}
