using Sift.IO.Yaml;

namespace Sift.Pipelines;

/// <summary>The YAML fields of <see cref="DataOptions"/> (experiment <c>data</c>, with <c>data.synth</c>).</summary>
public static class DataOptionsYaml
{
    /// <summary><c>data.synth</c>: the generated problems (counts on <see cref="DataOptions"/>, the rest on its <see cref="DataOptions.Synth"/>).</summary>
    public static YamlTable<DataOptions> SynthTable { get; } = new YamlTable<DataOptions>()
        .Int("train", d => d.SynthTrain, (d, v) => d with { SynthTrain = v }, 1, 10_000_000)
        .Int("test", d => d.SynthTest, (d, v) => d with { SynthTest = v }, 1, 10_000_000)
        .Int("min_steps", d => d.Synth.MinSteps, (d, v) => d with { Synth = d.Synth with { MinSteps = v } }, 1, 8)
        .Int("max_steps", d => d.Synth.MaxSteps, (d, v) => d with { Synth = d.Synth with { MaxSteps = v } }, 1, 8)
        .Int("max_number", d => d.Synth.MaxNumber, (d, v) => d with { Synth = d.Synth with { MaxNumber = v } }, 5, 1_000_000)
        .Int("max_result", d => d.Synth.MaxResult, (d, v) => d with { Synth = d.Synth with { MaxResult = v } }, 20, 100_000_000)
        .Int("seed", d => checked((int)d.Synth.Seed), (d, v) => d with { Synth = d.Synth with { Seed = v } });

    public static YamlTable<DataOptions> Table { get; } = new YamlTable<DataOptions>()
        .Path("train", d => d.TrainPath, (d, v) => d with { TrainPath = v })
        .Path("test", d => d.TestPath, (d, v) => d with { TestPath = v })
        .String("fields", d => d.Fields, (d, v) => d with { Fields = v })
        .Bool("skip_invalid", d => d.SkipInvalid, (d, v) => d with { SkipInvalid = v })
        .Int("train_limit", d => d.TrainLimit, (d, v) => d with { TrainLimit = v }, 0, int.MaxValue)
        .Int("test_limit", d => d.TestLimit, (d, v) => d with { TestLimit = v }, 0, int.MaxValue)
        .Section("synth", d => d, (_, v) => v, SynthTable);
}
