namespace Sift.IO.Gguf;

/// <summary>
/// One tensor of a GGUF file (ggml docs/gguf.md, <c>gguf_tensor_info_t</c>). <see cref="Dimensions"/>
/// are ggml's <c>ne</c>, fastest-varying first; <see cref="Shape"/> is the same reversed, the
/// row-major shape PyTorch and safetensors use (a [out, in] matrix has ne = [in, out]).
/// <see cref="Offset"/> is relative to the start of the data section.
/// </summary>
public sealed record GgufTensorInfo(string Name, long[] Dimensions, GgufTensorType Type, long Offset)
{
    /// <summary>Row-major shape (the reverse of <see cref="Dimensions"/>).</summary>
    public long[] Shape => Dimensions.Reverse().ToArray();

    /// <summary>Number of elements.</summary>
    public long ElementCount => Dimensions.Aggregate(1L, (a, b) => checked(a * b));

    /// <summary>The shape as "[a, b]" (row-major), for messages.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
