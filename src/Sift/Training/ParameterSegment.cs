namespace Sift.Training;

/// <summary>
/// A contiguous run of one parameter tensor inside the flat parameter block (and, at the same
/// offsets, inside the gradient and moment blocks). <paramref name="Decay"/> says whether AdamW's
/// decoupled weight decay applies: true for 2-D weights (projections, embeddings, lm_head), false
/// for norm weights and biases (docs/model-spec.md, Optimizer).
/// </summary>
public readonly record struct ParameterSegment(int Offset, int Length, bool Decay);
