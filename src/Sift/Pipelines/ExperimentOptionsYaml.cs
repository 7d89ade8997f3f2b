using Sift.Methods.Dmt;
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
    public static YamlTable<ExperimentOptions> Table { get; } = new YamlTable<ExperimentOptions>()
        .String("name", o => o.Name, (o, v) => o with { Name = v })
        .IntList("seeds", o => o.Seeds, (o, v) => o with { Seeds = v })
        .Choice("template", o => o.Template, (o, v) => o with { Template = v }, "plain", "alpaca", "chat")
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
        .Section("dmt", o => o.Dmt, (o, v) => o with { Dmt = v }, DmtOptionsYaml.Table)
        .Section("eval", o => o.Eval, (o, v) => o with { Eval = v }, EvalOptionsYaml.Table)
        .Share(SftOptionsYaml.SharedKey, o => o.Sft)
        .Validate((s, _, prefix, o) => o.Seeds.Count > 0 ? o : throw new ConfigException($"{s.Reader.Source}: {prefix}seeds: at least one seed is needed"));

    /// <summary>
    /// A `sift mix` config (configs/mix/dmt.yaml): the shared fields the data-composition study uses, read
    /// by the experiment's own entries above (the SFT section limited to what DMT's stages use), and the
    /// <c>dmt</c> section. Anything else of an experiment (data, the other methods) is an unknown field.
    /// </summary>
    public static YamlTable<ExperimentOptions> MixTable { get; } = Table.Only("name", "seeds", "template", "vocab_size", "sample_batch", "max_new_tokens", "model")
        .Section("sft", o => o.Sft, (o, v) => o with { Sft = v }, DmtOptionsYaml.SftTable)
        .Section("dmt", o => o.Dmt, (o, v) => o with { Dmt = v }, DmtOptionsYaml.MixTable);
}
