namespace Sift.Training;

/// <summary>Where a training run stands, saved with a checkpoint so it can resume exactly.</summary>
/// <param name="Step">Optimizer steps taken.</param>
/// <param name="DataPosition">Position in the data stream (examples or batches consumed; the trainer's unit).</param>
/// <param name="Seed">Root seed of the run.</param>
public sealed record TrainingPosition(long Step, long DataPosition, ulong Seed);
