using Sift.IO.Yaml;

namespace Sift.Training.Sft;

/// <summary>The YAML fields of <see cref="SftOptions"/> (experiment <c>sft</c> and per-stage training, mix <c>sft</c> via <see cref="YamlTable{T}.Only"/>, `sift train sft`).</summary>
public static class SftOptionsYaml
{
    /// <summary>The key under which an enclosing table shares the SFT settings that an absent stage <c>training</c> section falls back to.</summary>
    public const string SharedKey = "sft";

    public static YamlTable<SftOptions> Table { get; } = new YamlTable<SftOptions>()
        .Double("epochs", s => s.Epochs, (s, v) => s with { Epochs = v }, 1e-6, 1e6)
        .Int("steps", s => s.MaxSteps, (s, v) => s with { MaxSteps = v }, 0, int.MaxValue)
        .Int("batch_size", s => s.BatchSize, (s, v) => s with { BatchSize = v }, 1, 65536)
        .Int("bucket_window", s => s.BucketWindow, (s, v) => s with { BucketWindow = v }, 1, 65536)
        .Double("lr", s => s.LearningRate, (s, v) => s with { LearningRate = v }, 1e-9, 10)
        .Double("min_lr_ratio", s => s.MinLearningRateRatio, (s, v) => s with { MinLearningRateRatio = v }, 0, 1)
        .Double("warmup", s => s.WarmupFraction, (s, v) => s with { WarmupFraction = v }, 0, 0.999)
        .Double("weight_decay", s => s.WeightDecay, (s, v) => s with { WeightDecay = v }, 0, 10)
        .Float("max_grad_norm", s => s.MaxGradNorm, (s, v) => s with { MaxGradNorm = v }, 0, 1e6)
        .Int("checkpoint_every", s => s.CheckpointEvery, (s, v) => s with { CheckpointEvery = v }, 0, int.MaxValue)
        .Int("eval_every", s => s.EvalEvery, (s, v) => s with { EvalEvery = v }, 0, int.MaxValue)
        .Int("log_every", s => s.LogEvery, (s, v) => s with { LogEvery = v }, 1, int.MaxValue);

    /// <summary>Falls back to the SFT settings an enclosing table shares (<see cref="SharedKey"/>).</summary>
    public static SftOptions Shared<T>(T record, YamlScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return scope.Shared<SftOptions>(SharedKey);
    }
}
