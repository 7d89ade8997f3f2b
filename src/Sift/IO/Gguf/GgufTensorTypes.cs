namespace Sift.IO.Gguf;

/// <summary>Block layout of the <see cref="GgufTensorType"/>s Sift reads (ggml's <c>ggml_type_traits</c>: elements per block, bytes per block).</summary>
public static class GgufTensorTypes
{
    /// <summary>Elements per Q8_0 block (ggml <c>QK8_0</c>).</summary>
    public const int Q8_0BlockSize = 32;

    /// <summary>Bytes per Q8_0 block: an F16 scale then 32 signed bytes (ggml <c>block_q8_0</c>).</summary>
    public const int Q8_0BlockBytes = 2 + Q8_0BlockSize;

    /// <summary>Whether <see cref="GgufFile.ReadFloats"/> can dequantise this type.</summary>
    public static bool IsReadable(GgufTensorType type) => type is GgufTensorType.F32 or GgufTensorType.F16 or GgufTensorType.BF16 or GgufTensorType.Q8_0;

    /// <summary>Whether <see cref="GgufWriter"/> can store float32 data as this type.</summary>
    public static bool IsWritable(GgufTensorType type) => IsReadable(type);

    /// <summary>Elements per block (1 for the plain float types).</summary>
    public static int BlockSize(GgufTensorType type) => type == GgufTensorType.Q8_0 ? Q8_0BlockSize : 1;

    /// <summary>Bytes of <paramref name="elements"/> elements of a readable type; throws for the others.</summary>
    public static long ByteLength(GgufTensorType type, long elements) => type switch
    {
        GgufTensorType.F32 => checked(elements * 4),
        GgufTensorType.F16 or GgufTensorType.BF16 => checked(elements * 2),
        GgufTensorType.Q8_0 => checked(elements / Q8_0BlockSize * Q8_0BlockBytes),
        _ => throw new NotSupportedException($"GGUF tensor type {type} is not supported (Sift reads F32, F16, BF16, Q8_0)"),
    };
}
