using Sift.Data;
using Sift.Eval;
using Sift.Runs;

namespace Sift.Methods;

/// <summary>What the methods after SFT start from, for one seed of an experiment.</summary>
/// <param name="Seed">The seed (every stream of the methods derives from it by name).</param>
/// <param name="Run">The seed's run directory.</param>
/// <param name="SftA">SFT model A's run directory (checkpoints/base: its initial weights; checkpoints/final: the model).</param>
/// <param name="Train">Training problems.</param>
/// <param name="Test">Test problems.</param>
/// <param name="TrainSamplesA">RFT's graded samples of model A on the training problems (null when RFT did not run).</param>
public sealed record SeedInputs(int Seed, RunDirectory Run, RunDirectory SftA, IReadOnlyList<MathProblem> Train, IReadOnlyList<MathProblem> Test, IReadOnlyList<GradedProblem>? TrainSamplesA);
