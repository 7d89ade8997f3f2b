using Sift.IO.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sift.Training.Sft;

/// <summary>Reads <see cref="SftOptions"/> from a config.</summary>
public static class SftOptionsYaml
{
    private static readonly string[] SftFields = ["epochs", "steps", "batch_size", "bucket_window", "lr", "min_lr_ratio", "warmup", "weight_decay", "max_grad_norm", "checkpoint_every", "eval_every", "log_every"];

    /// <summary>SFT settings under <paramref name="prefix"/>; <paramref name="known"/> narrows the fields a config may give (default: all).</summary>
    public static SftOptions Read(YamlFieldReader r, YamlNode node, string prefix, SftOptions s, string[]? known = null)
    {
        foreach (var (key, value) in r.Fields(node, prefix, known ?? SftFields))
        {
            var f = prefix + key;
            s = key switch
            {
                "epochs" => s with { Epochs = r.Double(value, f, 1e-6, 1e6) },
                "steps" => s with { MaxSteps = r.Int(value, f, 0, int.MaxValue) },
                "batch_size" => s with { BatchSize = r.Int(value, f, 1, 65536) },
                "bucket_window" => s with { BucketWindow = r.Int(value, f, 1, 65536) },
                "lr" => s with { LearningRate = r.Double(value, f, 1e-9, 10) },
                "min_lr_ratio" => s with { MinLearningRateRatio = r.Double(value, f, 0, 1) },
                "warmup" => s with { WarmupFraction = r.Double(value, f, 0, 0.999) },
                "weight_decay" => s with { WeightDecay = r.Double(value, f, 0, 10) },
                "max_grad_norm" => s with { MaxGradNorm = (float)r.Double(value, f, 0, 1e6) },
                "checkpoint_every" => s with { CheckpointEvery = r.Int(value, f, 0, int.MaxValue) },
                "eval_every" => s with { EvalEvery = r.Int(value, f, 0, int.MaxValue) },
                "log_every" => s with { LogEvery = r.Int(value, f, 1, int.MaxValue) },
                _ => s,
            };
        }
        return s;
    }
}
