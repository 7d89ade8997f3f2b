namespace Sift.Model;

/// <summary>One named parameter tensor inside the flat parameter block (Hugging Face name, nn.Linear shape).</summary>
/// <param name="Name">Hugging Face name, e.g. <c>model.layers.0.self_attn.q_proj.weight</c>.</param>
/// <param name="Offset">Offset in floats from the start of the block.</param>
/// <param name="Shape">Shape, e.g. [out, in] for a projection.</param>
/// <param name="Decay">True when AdamW weight decay applies (2-D tensors only).</param>
public sealed record ParameterInfo(string Name, long Offset, int[] Shape, bool Decay)
{
    /// <summary>Number of floats.</summary>
    public long Size { get; } = Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>Shape as text, e.g. "[768, 3072]".</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
