using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.IO;
using Sift.Model;
using Sift.Runs;
using Sift.Text;

namespace Sift.Training.Sft;

/// <summary>
/// A resumable training checkpoint: the model directory (config, weights, tokenizer), both AdamW
/// moments (<c>optimizer.safetensors</c>) and <c>trainer_state.json</c> (steps done, seed, data size).
/// The data order is a pure function of (seed, epoch), so the step count is all the position needed.
/// The checkpoint is written to a sibling temporary directory and swapped in by renames, so a kill
/// leaves either the previous checkpoint or the new one, never a mixture.
/// </summary>
public static class SftCheckpoint
{
    public const string OptimizerFile = "optimizer.safetensors";
    public const string StateFile = "trainer_state.json";

    /// <summary>Saves the whole training state to <paramref name="directory"/>, atomically as a unit.</summary>
    public static void Save(string directory, TrainStep step, BpeTokenizer tokenizer, JsonObject state)
    {
        var full = Path.GetFullPath(directory);
        var temp = full + ".tmp";
        var old = full + ".old";
        if (Directory.Exists(temp)) Directory.Delete(temp, true);
        SavedModel.Save(temp, step.Model, tokenizer);
        long n = step.Model.Parameters.TotalSize;
        new SafetensorsWriter()
            .Add("exp_avg", [n], () => step.FirstMoment.Span)
            .Add("exp_avg_sq", [n], () => step.SecondMoment.Span)
            .Save(Path.Combine(temp, OptimizerFile));
        state["step"] = step.StepCount;
        AtomicFile.WriteJson(Path.Combine(temp, StateFile), state);
        if (Directory.Exists(old)) Directory.Delete(old, true);
        if (Directory.Exists(full)) Directory.Move(full, old);
        Directory.Move(temp, full);
        if (Directory.Exists(old)) Directory.Delete(old, true);
    }

    /// <summary>The checkpoint directory to resume from (a half-swapped one is recovered), or null.</summary>
    public static string? Find(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (File.Exists(Path.Combine(full, StateFile))) return full;
        var old = full + ".old";
        return File.Exists(Path.Combine(old, StateFile)) ? old : null;
    }

    /// <summary>Reads the trainer state of a checkpoint.</summary>
    public static JsonObject ReadState(string checkpoint)
    {
        var path = Path.Combine(checkpoint, StateFile);
        try
        {
            return JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"{path}: not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not valid JSON ({e.Message}); delete the checkpoint to start over", e);
        }
    }

    /// <summary>Restores weights, moments and the step count into <paramref name="step"/>; returns the steps done.</summary>
    public static long Restore(string checkpoint, TrainStep step)
    {
        var state = ReadState(checkpoint);
        SavedModel.LoadWeights(Path.Combine(checkpoint, SavedModel.WeightsFile), step.Model);
        using (var opt = SafetensorsFile.Open(Path.Combine(checkpoint, OptimizerFile)))
        {
            long n = step.Model.Parameters.TotalSize;
            foreach (var name in new[] { "exp_avg", "exp_avg_sq" })
            {
                var info = opt.GetInfo(name);
                if (info.ElementCount != n) throw new InvalidDataException($"{checkpoint}/{OptimizerFile}: '{name}' has {info.ElementCount} values, the model has {n}");
            }
            opt.ReadInto("exp_avg", step.FirstMoment.Span);
            opt.ReadInto("exp_avg_sq", step.SecondMoment.Span);
        }
        long steps = state["step"]?.GetValue<long>() ?? throw new InvalidDataException($"{checkpoint}/{StateFile}: no 'step'");
        step.StepCount = steps;
        return steps;
    }

    /// <summary>Compares a checkpoint's recorded settings with the current run's; a mismatch is an error naming the field.</summary>
    public static void CheckCompatible(string checkpoint, JsonObject expected)
    {
        var state = ReadState(checkpoint);
        foreach (var (key, value) in expected)
        {
            var saved = state[key]?.ToJsonString();
            var now = value?.ToJsonString();
            if (saved != now)
            {
                throw new InvalidOperationException($"{checkpoint}/{StateFile}: '{key}' was {saved} but this run has {now}; use a new run directory or the same settings to resume");
            }
        }
    }

    /// <summary>The model's config of a checkpoint (for callers that build the model before restoring).</summary>
    public static ModelConfig ReadConfig(string checkpoint) =>
        ModelConfig.FromJson(File.ReadAllText(Path.Combine(checkpoint, SavedModel.ConfigFile)), Path.Combine(checkpoint, SavedModel.ConfigFile));
}
