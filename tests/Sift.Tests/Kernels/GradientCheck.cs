namespace Sift.Tests.Kernels;

/// <summary>
/// Generic double-precision finite-difference gradient check: the scalar L = Σ r·forward(inputs)
/// with a fixed random r; every input element is perturbed by ±h and the central difference is
/// compared with the analytic gradients the backward produced for dy = r.
/// </summary>
internal static class GradientCheck
{
    /// <param name="inputs">The differentiable inputs (perturbed in place, restored).</param>
    /// <param name="forward">Double forward: inputs → output.</param>
    /// <param name="analytic">Gradients of each input for dy (one array per input, same shapes), e.g. from a backward kernel.</param>
    /// <param name="relTol">Tolerance relative to the largest gradient magnitude.</param>
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
            for (int j = 0; j < x.Length; j++)
            {
                double keep = x[j];
                x[j] = keep + h;
                double plus = Dot(r, forward(inputs));
                x[j] = keep - h;
                double minus = Dot(r, forward(inputs));
                x[j] = keep;
                fd[j] = (plus - minus) / (2 * h);
            }
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

    public static double[] Random(int n, int seed, double scale = 1)
    {
        var rng = new Random(seed);
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = (rng.NextDouble() * 2 - 1) * scale;
        return x;
    }

    public static float[] ToFloat(double[] x) => Array.ConvertAll(x, v => (float)v);

    public static double[] ToDouble(float[] x) => Array.ConvertAll(x, v => (double)v);

    /// <summary>Asserts two arrays agree within relTol of the largest magnitude of <paramref name="expected"/>.</summary>
    public static void Close(double[] expected, float[] actual, double relTol, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double scale = Math.Max(1e-6, expected.Max(Math.Abs));
        for (int i = 0; i < expected.Length; i++)
        {
            double err = Math.Abs(expected[i] - actual[i]);
            Assert.True(err <= relTol * scale, $"{what}[{i}]: expected {expected[i]:G9}, got {actual[i]:G9}");
        }
    }
}
