using Sift.Model.Checkpoints;

namespace Sift.Tests.Model.Checkpoints;

/// <summary>The q/k row permutation between GGUF's interleaved RoPE pairs and HF's rotate_half halves.</summary>
public sealed class GgufRopePermutationTests
{
    [Fact]
    public void Hf_rows_are_the_even_then_the_odd_gguf_rows_of_each_head()
    {
        // 2 heads of D = 4, one column: GGUF rows 0..7 → HF rows (0, 2, 1, 3), (4, 6, 5, 7), as
        // transformers' permute(w) = w.view(h, D/2, 2, ·).transpose(1, 2) inverts.
        float[] gguf = [0, 1, 2, 3, 4, 5, 6, 7];
        Assert.Equal([0f, 2, 1, 3, 4, 6, 5, 7], GgufRopePermutation.ToHf(gguf, heads: 2, cols: 1));
    }

    [Fact]
    public void To_gguf_inverts_to_hf_row_by_row()
    {
        var rng = new Random(3);
        var data = Enumerable.Range(0, 3 * 8 * 5).Select(_ => (float)rng.NextDouble()).ToArray();
        var hf = GgufRopePermutation.ToHf(data, heads: 3, cols: 5);
        Assert.NotEqual(data, hf);
        Assert.Equal(data, GgufRopePermutation.ToGguf(hf, heads: 3, cols: 5));
        // Rows move whole: HF row 1 of head 0 is GGUF row 2.
        Assert.Equal(data.AsSpan(2 * 5, 5).ToArray(), hf.AsSpan(1 * 5, 5).ToArray());
    }

    [Fact]
    public void Odd_head_dimensions_are_refused()
    {
        Assert.Throws<ArgumentException>(() => GgufRopePermutation.ToHf(new float[6], heads: 2, cols: 1));
    }
}
