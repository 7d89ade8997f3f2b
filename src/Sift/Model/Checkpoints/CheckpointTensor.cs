namespace Sift.Model.Checkpoints;

/// <summary>
/// One tensor of a checkpoint as the file stores it, and where its floats live in the model's
/// weight block: <paramref name="Offset"/> and the element count of <paramref name="Shape"/>.
/// <paramref name="Transposed"/>: the file holds the transpose of the block's [rows, cols] matrix
/// (GPT-2's Conv1D stores [in, out] where Sift keeps nn.Linear's [out, in]).
/// </summary>
/// <param name="Name">The tensor's name in the file.</param>
/// <param name="Shape">Its shape in the file.</param>
/// <param name="Offset">Offset in floats of its data in the weight block.</param>
/// <param name="Transposed">True when the file stores [a, b] of a block matrix [b, a].</param>
public sealed record CheckpointTensor(string Name, int[] Shape, long Offset, bool Transposed)
{
    /// <summary>Number of elements.</summary>
    public long Size => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>The shape as text, e.g. "[768, 2304]".</summary>
    public string ShapeText => "[" + string.Join(", ", Shape) + "]";
}
