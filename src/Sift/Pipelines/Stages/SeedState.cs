using Sift.Data;
using Sift.Eval;
using Sift.Methods;
using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;
using Sift.Model;
using Sift.Runs;
using Sift.Text;
using Sift.Training;

namespace Sift.Pipelines.Stages;

/// <summary>One seed of an experiment as its stages see it: the inputs, and each stage's typed result once it ran.</summary>
public sealed class SeedState
{
    public required ExperimentOptions Options { get; init; }

    public required SharedSettings Shared { get; init; }

    public required int Seed { get; init; }

    public required RunDirectory Run { get; init; }

    public required BpeTokenizer Tokenizer { get; init; }

    public required IReadOnlyList<MathProblem> Train { get; init; }

    public required IReadOnlyList<MathProblem> Test { get; init; }

    /// <summary>SFT pairs of the training problems (the reference solutions).</summary>
    public required IReadOnlyList<(string Question, string Response)> SftPairs { get; init; }

    /// <summary>Validation pairs for the held-out loss (a split of the training distribution, never test problems).</summary>
    public required IReadOnlyList<(string Question, string Response)> HeldOut { get; init; }

    public required ModelConfig ConfigA { get; init; }

    public required ModelConfig ConfigB { get; init; }

    public required IProgressReporter Reporter { get; init; }

    /// <summary>SFT model A's run directory.</summary>
    public RunDirectory SftA => Run.Child("sft-a");

    public SeedScore? Sft { get; set; }

    /// <summary>Model A's graded samples of the training problems (RFT's draw; the evaluator and multi-task learn from it).</summary>
    public GradedProblem[]? TrainSamplesA { get; set; }

    public RftStageResult? Rft { get; set; }

    public RestEmResults? RestEm { get; set; }

    /// <summary>The "rerank" object of results.json.</summary>
    public System.Text.Json.Nodes.JsonObject? Rerank { get; set; }

    public MultitaskResults? Multitask { get; set; }

    /// <summary>What the methods after SFT start from.</summary>
    public SeedInputs Inputs => new(Seed, Run, SftA, Train, Test, TrainSamplesA);
}
