using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.IO;
using Sift.Model.Checkpoints;

namespace Sift.Training;

/// <summary>
/// Saves and restores everything a <see cref="TrainStep"/> needs to resume: the model directory
/// (<see cref="ModelDirectory"/>), the AdamW moments (<c>optimizer.safetensors</c>:
/// <c>exp_avg.&lt;name&gt;</c>, <c>exp_avg_sq.&lt;name&gt;</c>) and <c>trainer_state.json</c>
/// (step, data position, seed), written last so its presence marks a complete checkpoint.
/// </summary>
public static class TrainStepCheckpoint
{
    public const string OptimizerFile = CheckpointFiles.Optimizer;
    public const string StateFile = CheckpointFiles.TrainerState;

    /// <summary>Saves model, tokenizer, optimizer and position as the directory <paramref name="directory"/>, replaced atomically as a whole.</summary>
    public static void Save(string directory, TrainStep step, TrainingPosition position, string? tokenizerJson = null)
    {
        using var staged = AtomicDirectory.Begin(directory);
        WriteFiles(staged.StagingPath, step, position, tokenizerJson);
        staged.Commit();
    }

    private static void WriteFiles(string directory, TrainStep step, TrainingPosition position, string? tokenizerJson)
    {
        ModelDirectory.WriteFiles(directory, step.Model, tokenizerJson);
        var writer = new SafetensorsWriter();
        foreach (var p in step.Model.Parameters.Entries)
        {
            var info = p;
            long[] shape = info.Shape.Select(d => (long)d).ToArray();
            writer.Add(CheckpointFiles.FirstMoment(p.Name), shape, () => step.FirstMoment.Slice(info.Offset, info.Size));
            writer.Add(CheckpointFiles.SecondMoment(p.Name), shape, () => step.SecondMoment.Slice(info.Offset, info.Size));
        }
        writer.AddMetadata(CheckpointFiles.StepMetadataKey, step.StepCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        writer.Save(Path.Combine(directory, OptimizerFile));
        var state = new JsonObject
        {
            ["step"] = position.Step,
            ["data_position"] = position.DataPosition,
            ["seed"] = position.Seed,
            ["optimizer_step"] = step.StepCount,
        };
        AtomicFile.WriteAllText(Path.Combine(directory, StateFile), state.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>
    /// Restores the weights, moments and step count of <paramref name="step"/> from
    /// <paramref name="directory"/> (its config must equal the model's) and returns the saved position.
    /// </summary>
    public static TrainingPosition Load(string directory, TrainStep step)
    {
        var saved = ModelDirectory.ReadConfig(directory);
        if (saved != step.Model.Config)
        {
            throw new InvalidDataException($"{Path.Combine(directory, ModelDirectory.ConfigFile)}: the checkpoint's config does not match the model being trained (saved: {saved.ToJson().ReplaceLineEndings(" ")})");
        }
        string statePath = Path.Combine(directory, StateFile);
        if (!File.Exists(statePath)) throw new FileNotFoundException($"{statePath}: missing; the checkpoint in '{directory}' is incomplete or has no training state", statePath);
        JsonObject state;
        try
        {
            state = JsonNode.Parse(File.ReadAllText(statePath)) as JsonObject ?? throw new InvalidDataException($"{statePath}: expected a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{statePath}: not valid JSON ({e.Message})", e);
        }
        long Field(string key) => state[key]?.GetValue<long>() ?? throw new InvalidDataException($"{statePath}: missing field '{key}'");
        ModelDirectory.LoadWeights(Path.Combine(directory, ModelDirectory.WeightsFile), step.Model);
        string optPath = Path.Combine(directory, OptimizerFile);
        using (var file = SafetensorsFile.Open(optPath))
        {
            foreach (var p in step.Model.Parameters.Entries)
            {
                foreach (var (prefix, block) in new[] { ("exp_avg.", step.FirstMoment), ("exp_avg_sq.", step.SecondMoment) })
                {
                    if (!file.TryGetInfo(prefix + p.Name, out var info) || !info.Shape.SequenceEqual(p.Shape.Select(d => (long)d)))
                    {
                        throw new InvalidDataException($"{optPath}: missing or mis-shaped tensor '{prefix}{p.Name}' (expected {p.ShapeText})");
                    }
                    file.ReadInto(prefix + p.Name, block.Slice(p.Offset, p.Size));
                }
            }
        }
        step.StepCount = Field("optimizer_step");
        return new TrainingPosition(Field("step"), Field("data_position"), state["seed"]?.GetValue<ulong>() ?? throw new InvalidDataException($"{statePath}: missing field 'seed'"));
    }
}
