using Sift.Model;

namespace Sift.Training.Sft;

/// <summary>
/// What `sift train sft` ran with, as its run directory's config.yaml records it and <c>--config</c>
/// reads it back: the data, the prompt template, the base model or fresh model shape (and its tokenizer),
/// the seed and the SFT settings. Defaults are the command's.
/// </summary>
public sealed record SftRunConfig
{
    /// <summary>Training JSONL (absolute once read from a config).</summary>
    public string? Data { get; init; }

    /// <summary>Held-out JSONL, or null.</summary>
    public string? EvalData { get; init; }

    public int EvalLimit { get; init; } = 256;

    /// <summary>Field map name of the JSONL files (null: detect).</summary>
    public string? Fields { get; init; }

    public bool SkipInvalid { get; init; }

    public string Template { get; init; } = "plain";

    /// <summary>With the chat template: a system turn before the question, or null.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>With the chat template: the boxed-answer instruction after the question.</summary>
    public bool BoxedInstruction { get; init; }

    /// <summary>The model directory training starts from; null: a fresh model of <see cref="Model"/>'s shape.</summary>
    public string? BaseModel { get; init; }

    /// <summary>tokenizer.json of a fresh model; null: one trained on the data (<see cref="VocabSize"/> tokens).</summary>
    public string? Tokenizer { get; init; }

    public int VocabSize { get; init; } = 384;

    public ModelShape Model { get; init; } = new();

    /// <summary>Root seed (weight init of a fresh model, data order).</summary>
    public int Seed { get; init; } = 1;

    /// <summary>The SFT settings (their <see cref="SftOptions.Seed"/> is <see cref="Seed"/>).</summary>
    public SftOptions Sft { get; init; } = new();
}
