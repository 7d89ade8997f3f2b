using Sift.Methods.Evaluator;
using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;
using Sift.Eval;
using Sift.IO.Yaml;
using Sift.Model;
using Sift.Training.Sft;

namespace Sift.Pipelines;

/// <summary>The YAML fields of <see cref="ExperimentOptions"/> (`sift run config.yaml`), composing the sections' tables.</summary>
public static class ExperimentOptionsYaml
{
    /// <summary><c>dmt</c>: whether the DMT stage runs and its mix config (fields of the experiment itself).</summary>
    public static YamlTable<ExperimentOptions> DmtTable { get; } = new YamlTable<ExperimentOptions>()
        .Bool("enabled", o => o.DmtEnabled, (o, v) => o with { DmtEnabled = v })
        .Path("config", o => o.DmtConfigPath, (o, v) => o with { DmtConfigPath = v });

    public static YamlTable<ExperimentOptions> Table { get; } = new YamlTable<ExperimentOptions>()
        .String("name", o => o.Name, (o, v) => o with { Name = v })
        .IntList("seeds", o => o.Seeds, (o, v) => o with { Seeds = v })
        .Choice("template", o => o.Template, (o, v) => o with { Template = v }, "plain", "alpaca")
        .Int("vocab_size", o => o.VocabSize, (o, v) => o with { VocabSize = v }, 260, 65536)
        .Path("tokenizer", o => o.TokenizerPath, (o, v) => o with { TokenizerPath = v })
        .Int("sample_batch", o => o.SampleBatch, (o, v) => o with { SampleBatch = v }, 1, 4096)
        .Int("max_new_tokens", o => o.MaxNewTokens, (o, v) => o with { MaxNewTokens = v }, 1, 100000)
        .Section("data", o => o.Data, (o, v) => o with { Data = v }, DataOptionsYaml.Table)
        .Section("model", o => o.Model, (o, v) => o with { Model = v }, ModelShapeYaml.Table)
        .OptionalSection("model_b", o => o.ModelB, (o, v) => o with { ModelB = v }, ModelShapeYaml.Table, (o, _) => o.Model)
        .Section("sft", o => o.Sft, (o, v) => o with { Sft = v }, SftOptionsYaml.Table)
        .Section("rft", o => o.Rft, (o, v) => o with { Rft = v }, RftOptionsYaml.Table)
        .Section("restem", o => o.RestEm, (o, v) => o with { RestEm = v }, RestEmOptionsYaml.Table)
        .Section("rerank", o => o.Rerank, (o, v) => o with { Rerank = v }, RerankOptionsYaml.Table)
        .Section("multitask", o => o.Multitask, (o, v) => o with { Multitask = v }, MultitaskOptionsYaml.Table)
        .Section("dmt", o => o, (_, v) => v, DmtTable)
        .Section("eval", o => o.Eval, (o, v) => o with { Eval = v }, EvalOptionsYaml.Table)
        .Share(SftOptionsYaml.SharedKey, o => o.Sft)
        .Validate((s, _, prefix, o) => o.Seeds.Count > 0 ? o : throw new ConfigException($"{s.Reader.Source}: {prefix}seeds: at least one seed is needed"));
}
