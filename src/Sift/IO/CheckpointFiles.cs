namespace Sift.IO;

/// <summary>
/// File names of a Sift model directory, laid out like Hugging Face's so that <c>transformers</c> can load
/// the weights (config.json + model.safetensors + tokenizer.json) and Sift can resume training from the rest.
/// Write a whole directory with <see cref="AtomicDirectory"/>.
/// </summary>
public static class CheckpointFiles
{
    /// <summary>Hugging Face config.json (Sift.Model.ModelConfig.ToJson).</summary>
    public const string Config = "config.json";

    /// <summary>F32 weights under Hugging Face parameter names (<see cref="SafetensorsWriter"/>).</summary>
    public const string Weights = SafetensorsCheckpoint.WeightsFile;

    /// <summary>Hugging Face tokenizer.json (Sift.Text.BpeTokenizer.Save).</summary>
    public const string Tokenizer = "tokenizer.json";

    /// <summary>
    /// AdamW state as safetensors: <see cref="FirstMoment"/> and <see cref="SecondMoment"/> of every parameter,
    /// the step count in the metadata under <see cref="StepMetadataKey"/>.
    /// </summary>
    public const string Optimizer = "optimizer.safetensors";

    /// <summary>Training progress as JSON (step, data position, RNG states, schedule): whatever resuming needs.</summary>
    public const string TrainerState = "trainer_state.json";

    /// <summary>Metadata key of the optimizer step count.</summary>
    public const string StepMetadataKey = "step";

    /// <summary>Name of a parameter's AdamW first moment in <see cref="Optimizer"/> (PyTorch's <c>exp_avg</c>).</summary>
    public static string FirstMoment(string parameterName) => "exp_avg." + parameterName;

    /// <summary>Name of a parameter's AdamW second moment in <see cref="Optimizer"/> (PyTorch's <c>exp_avg_sq</c>).</summary>
    public static string SecondMoment(string parameterName) => "exp_avg_sq." + parameterName;
}
