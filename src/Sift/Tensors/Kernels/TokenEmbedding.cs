namespace Sift.Tensors.Kernels;

/// <summary>Token embedding lookup plus optional learned position embedding (GPT-2's wte + wpe).</summary>
public static class TokenEmbedding
{
    /// <param name="tokens">[N] token ids.</param>
    /// <param name="positions">[N] positions (only read when <paramref name="wpe"/> is not empty).</param>
    /// <param name="wte">[V, C] token embedding table.</param>
    /// <param name="wpe">[P, C] position table, or empty for none (Llama).</param>
    /// <param name="x">[N, C] output.</param>
    /// <param name="c">Embedding width C.</param>
    public static void Forward(ReadOnlySpan<int> tokens, ReadOnlySpan<int> positions, ReadOnlySpan<float> wte, ReadOnlySpan<float> wpe, Span<float> x, int c)
    {
        int vocab = wte.Length / c;
        int maxPos = wpe.Length / c;
        for (int i = 0; i < tokens.Length; i++)
        {
            int tok = tokens[i];
            if ((uint)tok >= (uint)vocab) throw new ArgumentOutOfRangeException(nameof(tokens), $"token id {tok} at index {i} is outside the vocabulary [0, {vocab})");
            var row = x.Slice(i * c, c);
            if (wpe.IsEmpty)
            {
                wte.Slice(tok * c, c).CopyTo(row);
            }
            else
            {
                int pos = positions[i];
                if ((uint)pos >= (uint)maxPos) throw new ArgumentOutOfRangeException(nameof(positions), $"position {pos} at index {i} is outside [0, {maxPos})");
                System.Numerics.Tensors.TensorPrimitives.Add(wte.Slice(tok * c, c), wpe.Slice(pos * c, c), row);
            }
        }
    }

    /// <summary>dwte[tok] += dx; dwpe[pos] += dx. Serial over tokens: rows may repeat, and a fixed order keeps sums deterministic.</summary>
    /// <param name="dx">[N, C] gradient of the output.</param>
    /// <param name="tokens">[N] token ids.</param>
    /// <param name="positions">[N] positions.</param>
    /// <param name="dwte">[V, C] gradient, added into.</param>
    /// <param name="dwpe">[P, C] gradient, added into; empty for none.</param>
    /// <param name="c">Embedding width C.</param>
    public static void Backward(ReadOnlySpan<float> dx, ReadOnlySpan<int> tokens, ReadOnlySpan<int> positions, Span<float> dwte, Span<float> dwpe, int c)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            var row = dx.Slice(i * c, c);
            var t = dwte.Slice(tokens[i] * c, c);
            System.Numerics.Tensors.TensorPrimitives.Add(t, row, t);
            if (!dwpe.IsEmpty)
            {
                var p = dwpe.Slice(positions[i] * c, c);
                System.Numerics.Tensors.TensorPrimitives.Add(p, row, p);
            }
        }
    }
}
