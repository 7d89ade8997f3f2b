using System.Numerics.Tensors;

namespace Sift.Tensors.Kernels;

/// <summary>Residual connection y = a + b (He et al. 2016).</summary>
public static class Residual
{
    /// <param name="a">[N·C] first input.</param>
    /// <param name="b">[N·C] second input.</param>
    /// <param name="y">[N·C] output (may alias a or b).</param>
    public static void Forward(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(a, b, y);

    /// <summary>da += dy; db += dy.</summary>
    /// <param name="dy">[N·C] gradient of the output.</param>
    /// <param name="da">[N·C] added into.</param>
    /// <param name="db">[N·C] added into.</param>
    public static void Backward(ReadOnlySpan<float> dy, Span<float> da, Span<float> db)
    {
        TensorPrimitives.Add(da, dy, da);
        TensorPrimitives.Add(db, dy, db);
    }
}
