namespace Sift.IO;

/// <summary>One tensor entry of a safetensors header.</summary>
/// <param name="Name">The tensor's name (e.g. <c>model.layers.0.self_attn.q_proj.weight</c>).</param>
/// <param name="Dtype">Element type as stored.</param>
/// <param name="Shape">Dimensions, outermost first.</param>
/// <param name="DataOffset">Absolute byte offset of the first element in the file.</param>
/// <param name="ByteLength">Number of bytes the tensor occupies.</param>
public sealed record SafetensorsTensorInfo(string Name, SafetensorsDtype Dtype, long[] Shape, long DataOffset, long ByteLength)
{
    /// <summary>Product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount
    {
        get
        {
            long n = 1;
            foreach (long d in Shape)
                n *= d;
            return n;
        }
    }

    /// <summary>The shape as text, e.g. <c>[4, 8]</c>.</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
