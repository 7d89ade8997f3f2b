using Sift.Model.Generation;
using Sift.Tensors.Kernels;

namespace Sift.Tests.Kernels;

/// <summary>
/// Batch-invariant generation needs y = x·Wᵀ to give each row the same floats whatever the row
/// count: checked at the decode shapes of the `small` config (m = 1..17 rows) for every GEMM the
/// generator trusts (<see cref="TextGenerator.IsBatchInvariant"/>); OpenBLAS is known not to be.
/// </summary>
public sealed class GemmRowIndependenceTests
{
    public static IEnumerable<object[]> Gemms() => GemmCases.All();

    [Theory]
    [MemberData(nameof(Gemms))]
    public void Linear_rows_do_not_depend_on_the_row_count(string gemmName)
    {
        var gemm = GemmCases.Get(gemmName);
        if (!TextGenerator.IsBatchInvariant(gemm))
        {
            Console.WriteLine($"{gemmName}: not batch invariant by design; generation uses the managed GEMM instead");
            return;
        }
        (int In, int Out)[] shapes = gemmName == "naive" ? [(64, 96)] : [(384, 1152), (1536, 384), (384, 4096)];
        foreach (var (inF, outF) in shapes)
        {
            const int rows = 17;
            var x = GradientCheck.ToFloat(GradientCheck.Random(rows * inF, 1));
            var w = GradientCheck.ToFloat(GradientCheck.Random(outF * inF, 2, 0.05));
            var all = new float[rows * outF];
            Linear.Forward(gemm, x, w, default, all, rows, inF, outF);
            foreach (int m in new[] { 1, 2, 3, 8, 16 })
            {
                var part = new float[m * outF];
                Linear.Forward(gemm, x.AsSpan(0, m * inF), w, default, part, m, inF, outF);
                Assert.True(part.AsSpan().SequenceEqual(all.AsSpan(0, m * outF)), $"{gemmName}: rows differ between m={m} and m={rows} for [{inF}→{outF}]");
            }
        }
    }
}
