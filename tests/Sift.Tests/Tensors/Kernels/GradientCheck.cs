namespace Sift.Tests.Tensors.Kernels;

/// <summary>
/// Data helpers of the kernel tests (random inputs, float/double conversion, relative closeness). The
/// gradient check itself is <see cref="Sift.Tests.Support.FiniteDifference.Check"/>.
/// </summary>
internal static class GradientCheck
{
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
