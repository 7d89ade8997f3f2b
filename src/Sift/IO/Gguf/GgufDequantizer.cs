using System.Buffers.Binary;

namespace Sift.IO.Gguf;

/// <summary>
/// GGUF tensor bytes → float32 (ggml's <c>dequantize_row_*</c> / <c>ggml_*_to_fp32</c>): F32 as is,
/// F16 (IEEE half) and BF16 (the top 16 bits of a float32) widened exactly, Q8_0 as
/// <c>d · q</c> per 32-element block (ggml <c>block_q8_0</c>: F16 scale d, then 32 int8 q).
/// </summary>
public static class GgufDequantizer
{
    /// <summary>Fills <paramref name="destination"/> (one float per element) from <paramref name="source"/> stored as <paramref name="type"/>.</summary>
    public static void Dequantize(GgufTensorType type, ReadOnlySpan<byte> source, Span<float> destination)
    {
        long needed = GgufTensorTypes.ByteLength(type, destination.Length);
        if (source.Length != needed) throw new ArgumentException($"{type}: {destination.Length} elements take {needed} bytes, got {source.Length}", nameof(source));
        switch (type)
        {
            case GgufTensorType.F32:
                for (int i = 0; i < destination.Length; i++) destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                break;
            case GgufTensorType.F16:
                for (int i = 0; i < destination.Length; i++) destination[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(source[(2 * i)..]);
                break;
            case GgufTensorType.BF16:
                for (int i = 0; i < destination.Length; i++) destination[i] = BitConverter.UInt32BitsToSingle((uint)BinaryPrimitives.ReadUInt16LittleEndian(source[(2 * i)..]) << 16);
                break;
            case GgufTensorType.Q8_0:
                for (int b = 0; b < destination.Length / GgufTensorTypes.Q8_0BlockSize; b++)
                {
                    var block = source.Slice(b * GgufTensorTypes.Q8_0BlockBytes, GgufTensorTypes.Q8_0BlockBytes);
                    float d = (float)BinaryPrimitives.ReadHalfLittleEndian(block);
                    var outBlock = destination.Slice(b * GgufTensorTypes.Q8_0BlockSize, GgufTensorTypes.Q8_0BlockSize);
                    for (int j = 0; j < GgufTensorTypes.Q8_0BlockSize; j++) outBlock[j] = (sbyte)block[2 + j] * d;
                }
                break;
            default:
                throw new NotSupportedException($"GGUF tensor type {type} is not supported (Sift reads F32, F16, BF16, Q8_0)");
        }
    }
}
