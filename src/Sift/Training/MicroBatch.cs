namespace Sift.Training;

/// <summary>
/// One micro-batch of a step: [B, T] inputs, next-token targets and loss weights, flattened
/// row-major. The arrays may be longer than B·T (reused buffers).
/// </summary>
public readonly record struct MicroBatch(int[] Tokens, int[] Targets, float[] Weights, int Batch, int Seq);
