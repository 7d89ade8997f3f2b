using System.Text.Json;
using Sift.Tests.Golden;

namespace Sift.Tests.Training;

/// <summary>Reads tests/Sift.Tests/Golden/optimizer.json (tests/reference/make_optimizer_golden.py).</summary>
internal static class OptimizerGolden
{
    private static readonly Lazy<JsonDocument> Doc = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(GoldenFile.Directory, "optimizer.json"))));

    public static JsonElement Root => Doc.Value.RootElement;

    public static float[] Floats(JsonElement e) => e.EnumerateArray().Select(x => (float)x.GetDouble()).ToArray();

    public static void AssertClose(string what, ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, double rtol, double atol)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double diff = Math.Abs((double)expected[i] - actual[i]);
            Assert.True(diff <= atol + rtol * Math.Abs(expected[i]), $"{what}[{i}]: got {actual[i]:R}, expected {expected[i]:R}");
        }
    }
}
