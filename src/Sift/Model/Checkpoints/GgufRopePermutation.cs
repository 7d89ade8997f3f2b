namespace Sift.Model.Checkpoints;

/// <summary>
/// The q/k row order of GGUF vs Hugging Face Llama. GGUF (and Meta's and llama2.c's originals)
/// rotate interleaved pairs (rows 2i, 2i+1 of each head); HF's <c>rotate_half</c> pairs row i with
/// row i + D/2, so HF checkpoints hold the rows permuted (transformers'
/// <c>convert_llama_weights_to_hf.py</c> <c>permute</c>; llama.cpp's <c>convert_hf_to_gguf.py</c>
/// undoes it with <c>LlamaModel.permute</c>). Per head h, HF row h·D + j·D/2 + i is GGUF row
/// h·D + 2i + j (i &lt; D/2, j ∈ {0, 1}). Rows are moved whole, so the values are bit-identical.
/// </summary>
public static class GgufRopePermutation
{
    /// <summary>GGUF (interleaved) rows → HF (rotate_half) rows; <paramref name="data"/> is [heads·D, cols] row-major (cols = 1 for a bias).</summary>
    public static float[] ToHf(ReadOnlySpan<float> data, int heads, int cols) => Permute(data, heads, cols, toHf: true);

    /// <summary>HF (rotate_half) rows → GGUF (interleaved) rows, the inverse of <see cref="ToHf"/>.</summary>
    public static float[] ToGguf(ReadOnlySpan<float> data, int heads, int cols) => Permute(data, heads, cols, toHf: false);

    private static float[] Permute(ReadOnlySpan<float> data, int heads, int cols, bool toHf)
    {
        if (heads <= 0 || cols <= 0 || data.Length % ((long)heads * cols) != 0)
            throw new ArgumentException($"{data.Length} values are not {heads} heads of rows of {cols}");
        int rows = data.Length / cols, d = rows / heads;
        if (d % 2 != 0) throw new ArgumentException($"head dimension {d} is odd; RoPE needs pairs");
        var result = new float[data.Length];
        for (int h = 0; h < heads; h++)
        {
            for (int i = 0; i < d / 2; i++)
            {
                for (int j = 0; j < 2; j++)
                {
                    int hf = h * d + j * (d / 2) + i, gguf = h * d + 2 * i + j;
                    int from = toHf ? gguf : hf, to = toHf ? hf : gguf;
                    data.Slice(from * cols, cols).CopyTo(result.AsSpan(to * cols, cols));
                }
            }
        }
        return result;
    }
}
