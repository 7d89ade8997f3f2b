namespace Sift.IO.Gguf;

/// <summary>
/// float32 → Q8_0 as ggml's <c>quantize_row_q8_0_ref</c>: per block of 32, <c>d = max|x| / 127</c>
/// (stored as F16), <c>q = round(x / d)</c> with the unrounded d, rounding half away from zero as C's <c>roundf</c>.
/// </summary>
public static class GgufQuantizer
{
    /// <summary>The Q8_0 bytes of <paramref name="data"/> (its length a multiple of 32).</summary>
    public static byte[] QuantizeQ8_0(ReadOnlySpan<float> data)
    {
        if (data.Length % GgufTensorTypes.Q8_0BlockSize != 0)
            throw new ArgumentException($"Q8_0 needs a multiple of {GgufTensorTypes.Q8_0BlockSize} values, got {data.Length}", nameof(data));
        int blocks = data.Length / GgufTensorTypes.Q8_0BlockSize;
        var result = new byte[(long)blocks * GgufTensorTypes.Q8_0BlockBytes];
        for (int b = 0; b < blocks; b++)
        {
            var x = data.Slice(b * GgufTensorTypes.Q8_0BlockSize, GgufTensorTypes.Q8_0BlockSize);
            float amax = 0;
            foreach (float v in x) amax = MathF.Max(amax, MathF.Abs(v));
            float d = amax / 127f;
            float id = d != 0 ? 1f / d : 0f;
            var block = result.AsSpan(b * GgufTensorTypes.Q8_0BlockBytes, GgufTensorTypes.Q8_0BlockBytes);
            System.Buffers.Binary.BinaryPrimitives.WriteUInt16LittleEndian(block, BitConverter.HalfToUInt16Bits((Half)d));
            for (int j = 0; j < x.Length; j++) block[2 + j] = (byte)(sbyte)MathF.Round(x[j] * id, MidpointRounding.AwayFromZero);
        }
        return result;
    }
}
