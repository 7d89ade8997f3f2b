using Sift.IO.Yaml;
using Sift.Model;

namespace Sift.Training.Sft;

/// <summary>The YAML fields of <see cref="SftRunConfig"/> (`sift train sft` writes RUN/config.yaml and reads it with <c>--config</c>).</summary>
public static class SftRunConfigYaml
{
    public static YamlTable<SftRunConfig> Table { get; } = new YamlTable<SftRunConfig>()
        .Path("data", c => c.Data, (c, v) => c with { Data = v })
        .Path("eval_data", c => c.EvalData, (c, v) => c with { EvalData = v })
        .Int("eval_limit", c => c.EvalLimit, (c, v) => c with { EvalLimit = v }, 0, int.MaxValue)
        .String("fields", c => c.Fields, (c, v) => c with { Fields = v })
        .Bool("skip_invalid", c => c.SkipInvalid, (c, v) => c with { SkipInvalid = v })
        .Choice("template", c => c.Template, (c, v) => c with { Template = v }, "plain", "alpaca", "chat")
        .String("system_prompt", c => c.SystemPrompt, (c, v) => c with { SystemPrompt = v })
        .Bool("boxed_instruction", c => c.BoxedInstruction, (c, v) => c with { BoxedInstruction = v })
        .Path("base_model", c => c.BaseModel, (c, v) => c with { BaseModel = v })
        .Path("tokenizer", c => c.Tokenizer, (c, v) => c with { Tokenizer = v })
        .Int("vocab_size", c => c.VocabSize, (c, v) => c with { VocabSize = v }, 260, 65536)
        .Section("model", c => c.Model, (c, v) => c with { Model = v }, ModelShapeYaml.Table)
        .Int("seed", c => c.Seed, (c, v) => c with { Seed = v, Sft = c.Sft with { Seed = unchecked((ulong)v) } })
        .Section("sft", c => c.Sft, (c, v) => c with { Sft = v }, SftOptionsYaml.Table);

    /// <summary>Loads a config file; relative paths are relative to its folder.</summary>
    public static SftRunConfig Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static SftRunConfig Parse(string yaml, string source, string baseDirectory) =>
        Table.Parse(yaml, new YamlFieldReader(source, baseDirectory), new SftRunConfig());

    /// <summary>The config as YAML (loads back to the same config).</summary>
    public static string ToYaml(SftRunConfig config) => Table.ToYaml(config, new SftRunConfig());
}
