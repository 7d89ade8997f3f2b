namespace Sift.Tests.Support;

/// <summary>
/// The one finite-difference helper of the gradient tests: central differences of a scalar loss,
/// perturbing an input element in place by ±h and restoring it exactly.
/// </summary>
internal static class FiniteDifference
{
    /// <summary>(f(x + h·eⱼ) − f(x − h·eⱼ)) / 2h, with <paramref name="f"/> reading <paramref name="x"/> (restored afterwards).</summary>
    public static double Central(double[] x, int j, double h, Func<double> f)
    {
        double keep = x[j];
        x[j] = keep + h;
        double plus = f();
        x[j] = keep - h;
        double minus = f();
        x[j] = keep;
        return (plus - minus) / (2 * h);
    }

    /// <summary>The float-parameter form (model weights): h must be large enough to beat float rounding of the loss.</summary>
    public static double Central(Span<float> x, int j, float h, Func<double> f)
    {
        float keep = x[j];
        x[j] = keep + h;
        double plus = f();
        x[j] = keep - h;
        double minus = f();
        x[j] = keep;
        return (plus - minus) / (2 * h);
    }

    /// <summary>
    /// Generic double-precision gradient check: the scalar L = Σ r·forward(inputs) with a fixed random r; every
    /// input element's central difference is compared with the analytic gradients the backward produced for dy = r.
    /// </summary>
    /// <param name="inputs">The differentiable inputs (perturbed in place, restored).</param>
    /// <param name="forward">Double forward: inputs → output.</param>
    /// <param name="analytic">Gradients of each input for dy (one array per input, same shapes), e.g. from a backward kernel.</param>
    /// <param name="relTol">Tolerance relative to the largest gradient magnitude.</param>
    /// <param name="h">The perturbation.</param>
    /// <param name="seed">Seed of r.</param>
    public static void Check(double[][] inputs, Func<double[][], double[]> forward, Func<double[], double[][]> analytic, double relTol, double h = 1e-5, int seed = 7)
    {
        var y = forward(inputs);
        var rng = new Random(seed);
        var r = new double[y.Length];
        for (int i = 0; i < r.Length; i++) r[i] = rng.NextDouble() * 2 - 1;
        var grads = analytic(r);
        Assert.Equal(inputs.Length, grads.Length);
        for (int a = 0; a < inputs.Length; a++)
        {
            var x = inputs[a];
            var fd = new double[x.Length];
            for (int j = 0; j < x.Length; j++) fd[j] = Central(x, j, h, () => Dot(r, forward(inputs)));
            double scale = Math.Max(1e-3, fd.Max(Math.Abs));
            for (int j = 0; j < x.Length; j++)
            {
                double err = Math.Abs(fd[j] - grads[a][j]);
                Assert.True(err <= relTol * scale, $"input {a} element {j}: finite difference {fd[j]:G9}, analytic {grads[a][j]:G9} (|err| {err:G3} > {relTol * scale:G3})");
            }
        }
    }

    private static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
