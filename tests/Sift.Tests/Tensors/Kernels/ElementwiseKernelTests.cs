using Sift.Tensors.Kernels;
using Sift.Tests.Support;
using static Sift.Tests.Tensors.Kernels.GradientCheck;

namespace Sift.Tests.Tensors.Kernels;

public sealed class ElementwiseKernelTests
{
    [Fact]
    public void Gelu_backward_matches_finite_differences_naive_and_fast()
    {
        const int n = 3, f = 20;
        var x = Random(n * f, 11, 3);
        double[] Fwd(double[][] inp)
        {
            var y = new double[n * f];
            NaiveKernels<double>.GeluForward(inp[0], y);
            return y;
        }
        FiniteDifference.Check([x], Fwd, dy =>
        {
            var dx = new double[n * f];
            NaiveKernels<double>.GeluBackward(dy, x, dx);
            return [dx];
        }, 1e-6);
        FiniteDifference.Check([x], Fwd, dy =>
        {
            var y = new float[n * f];
            GeluTanh.Forward(ToFloat(x), y, f);
            Close(Fwd([x]), y, 1e-5, "gelu forward");
            var dx = new float[n * f];
            GeluTanh.Backward(ToFloat(dy), ToFloat(x), dx, f);
            return [ToDouble(dx)];
        }, 1e-4);
    }

    [Fact]
    public void SwiGlu_backward_matches_finite_differences_naive_and_fast()
    {
        const int n = 3, f = 12;
        var gu = Random(n * 2 * f, 12, 3);
        double[] Fwd(double[][] inp)
        {
            var y = new double[n * f];
            NaiveKernels<double>.SwiGluForward(inp[0], y, f);
            return y;
        }
        FiniteDifference.Check([gu], Fwd, dy =>
        {
            var d = new double[n * 2 * f];
            NaiveKernels<double>.SwiGluBackward(dy, gu, d, f);
            return [d];
        }, 1e-6);
        FiniteDifference.Check([gu], Fwd, dy =>
        {
            var y = new float[n * f];
            SwiGlu.Forward(ToFloat(gu), y, f);
            Close(Fwd([gu]), y, 1e-5, "swiglu forward");
            var d = new float[n * 2 * f];
            SwiGlu.Backward(ToFloat(dy), ToFloat(gu), d, f);
            return [ToDouble(d)];
        }, 1e-4);
    }

    [Fact]
    public void Residual_backward_matches_finite_differences()
    {
        var a = Random(10, 13);
        var b = Random(10, 14);
        var y0 = new float[10];
        Residual.Forward(ToFloat(a), ToFloat(b), y0);
        Close(a.Zip(b, (p, q) => p + q).ToArray(), y0, 1e-6, "residual forward");
        FiniteDifference.Check([a, b], inp => inp[0].Zip(inp[1], (p, q) => p + q).ToArray(), dy =>
        {
            var da = new float[10];
            var db = new float[10];
            Residual.Backward(ToFloat(dy), da, db);
            return [ToDouble(da), ToDouble(db)];
        }, 1e-6);
    }

    [Fact]
    public void Embedding_backward_matches_finite_differences_with_and_without_positions()
    {
        const int v = 5, p = 4, c = 6;
        int[] tokens = [1, 3, 1, 0, 4];
        int[] positions = [0, 1, 2, 0, 3];
        var wte = Random(v * c, 15);
        var wpe = Random(p * c, 16);
        foreach (bool learned in new[] { true, false })
        {
            double[] Fwd(double[][] inp)
            {
                var x = new double[tokens.Length * c];
                NaiveKernels<double>.EmbeddingForward(tokens, positions, inp[0], learned ? inp[1] : default, x, c);
                return x;
            }
            FiniteDifference.Check([wte, wpe], Fwd, dy =>
            {
                var dwte = new double[v * c];
                var dwpe = new double[p * c];
                NaiveKernels<double>.EmbeddingBackward(dy, tokens, positions, dwte, learned ? dwpe : default, c);
                return [dwte, dwpe];
            }, 1e-6);
            FiniteDifference.Check([wte, wpe], Fwd, dy =>
            {
                var x = new float[tokens.Length * c];
                TokenEmbedding.Forward(tokens, positions, ToFloat(wte), learned ? ToFloat(wpe) : default, x, c);
                Close(Fwd([wte, wpe]), x, 1e-6, "embedding forward");
                var dwte = new float[v * c];
                var dwpe = new float[p * c];
                TokenEmbedding.Backward(ToFloat(dy), tokens, positions, dwte, learned ? dwpe : default, c);
                return [ToDouble(dwte), ToDouble(dwpe)];
            }, 1e-5);
        }
    }

    [Fact]
    public void Embedding_rejects_out_of_range_token()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => TokenEmbedding.Forward([7], [0], new float[5 * 2], default, new float[2], 2));
        Assert.Contains("token id 7", ex.Message);
    }

    [Fact]
    public void Rope_backward_matches_finite_differences_naive_and_fast()
    {
        const int n = 4, heads = 2, d = 8, stride = 20;
        int[] positions = [0, 3, 1, 7];
        var x = Random(n * stride, 17);
        double theta = 10000;
        double[] Fwd(double[][] inp)
        {
            var y = new double[n * stride];
            NaiveKernels<double>.RopeForward(inp[0], y, positions, n, heads, d, stride, theta);
            return y;
        }
        FiniteDifference.Check([x], Fwd, dy =>
        {
            var dx = new double[n * stride];
            NaiveKernels<double>.RopeBackward(dy, dx, positions, n, heads, d, stride, theta);
            return [dx];
        }, 1e-6);
        var cos = new float[8 * d / 2];
        var sin = new float[8 * d / 2];
        RotaryEmbedding.BuildTables(8, d, theta, cos, sin);
        FiniteDifference.Check([x], Fwd, dy =>
        {
            var y = new float[n * stride];
            RotaryEmbedding.Forward(ToFloat(x), y, positions, cos, sin, n, heads, d, stride);
            Close(Fwd([x]), y, 1e-5, "rope forward");
            var dx = new float[n * stride];
            RotaryEmbedding.Backward(ToFloat(dy), dx, positions, cos, sin, n, heads, d, stride);
            return [ToDouble(dx)];
        }, 1e-4);
    }

    [Fact]
    public void CrossEntropy_gradient_matches_finite_differences_naive_and_fast()
    {
        const int n = 4, v = 7;
        var logits = Random(n * v, 18, 2);
        int[] targets = [3, 0, 6, 2];
        double[] weights = [1, 0, 0.5, 2];
        double denom = 5;
        // The loss is a scalar: forward returns [loss], r is [r0], gradient = r0·dlogits.
        FiniteDifference.Check([logits], inp =>
        {
            var d = new double[n * v];
            return [NaiveKernels<double>.CrossEntropyForwardBackward(inp[0], targets, weights, denom, d, v)];
        }, dy =>
        {
            var d = new double[n * v];
            NaiveKernels<double>.CrossEntropyForwardBackward(logits, targets, weights, denom, d, v);
            return [d.Select(g => g * dy[0]).ToArray()];
        }, 1e-6);
        var expectedGrad = new double[n * v];
        double expectedLoss = NaiveKernels<double>.CrossEntropyForwardBackward(logits, targets, weights, denom, expectedGrad, v);
        var lf = ToFloat(logits);
        var rowLoss = new float[n];
        float loss = SoftmaxCrossEntropy.ForwardBackward(lf, targets, ToFloat(weights), (float)denom, lf, rowLoss, v); // in place
        Assert.Equal(expectedLoss, loss, 5);
        Close(expectedGrad, lf, 1e-5, "dlogits");
        var rows = new float[n];
        SoftmaxCrossEntropy.Forward(ToFloat(logits), targets, rows, v);
        Assert.Equal(expectedLoss, (rows[0] * 1 + rows[2] * 0.5 + rows[3] * 2) / denom, 5);
    }
}
