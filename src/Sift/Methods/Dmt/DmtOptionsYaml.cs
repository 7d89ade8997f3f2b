using Sift.IO.Yaml;
using Sift.Model;
using Sift.Training.Sft;
using YamlDotNet.RepresentationModel;

namespace Sift.Methods.Dmt;

/// <summary>The YAML fields of <see cref="DmtOptions"/> (`sift mix config.yaml`, configs/mix/dmt.yaml).</summary>
public static class DmtOptionsYaml
{
    /// <summary>The SFT fields a mix config may set (steps would override the per-stage epochs).</summary>
    public static YamlTable<SftOptions> SftTable { get; } = SftOptionsYaml.Table.Only("epochs", "batch_size", "bucket_window", "lr", "min_lr_ratio", "warmup", "weight_decay", "max_grad_norm", "checkpoint_every");

    public static YamlTable<DmtOptions> Table { get; } = new YamlTable<DmtOptions>()
        .String("name", o => o.Name, (o, v) => o with { Name = v })
        .IntList("seeds", o => o.Seeds, (o, v) => o with { Seeds = v })
        .Int("data_seed", o => o.DataSeed, (o, v) => o with { DataSeed = v })
        .Double("k", o => o.K, (o, v) => o with { K = v }, 0, 1)
        .String("general_source", o => o.GeneralSource, (o, v) => o with { GeneralSource = v })
        .Choice("template", o => o.Template, (o, v) => o with { Template = v }, "plain", "alpaca")
        .Int("vocab_size", o => o.VocabSize, (o, v) => o with { VocabSize = v }, 260, 65536)
        .Int("max_new_tokens", o => o.MaxNewTokens, (o, v) => o with { MaxNewTokens = v }, 1, 100000)
        .Int("sample_batch", o => o.SampleBatch, (o, v) => o with { SampleBatch = v }, 1, 4096)
        .OptionalDouble("general_stage_epochs", o => o.GeneralStageEpochs, (o, v) => o with { GeneralStageEpochs = v }, 1e-6, 1e6)
        .Custom("sources", (s, n, f, o) => o with { Sources = MixtureSourceYaml.ReadList(s, n, f) }, (w, k, o) => MixtureSourceYaml.WriteList(w, k, o.Sources))
        .Custom("strategies", (s, n, f, o) => o with { Strategies = StrategyPlanYaml.ReadList(s.Reader, n, f, Specialised(o)) }, (w, k, o) => StrategyPlanYaml.WriteList(w, k, o.Strategies), YamlFieldPhase.Late)
        .Section("model", o => o.Model, (o, v) => o with { Model = v }, ModelShapeYaml.Table)
        .Section("sft", o => o.Sft, (o, v) => o with { Sft = v }, SftTable)
        .Validate((scope, node, _, o) =>
        {
            var r = scope.Reader;
            if (o.Seeds.Count == 0) throw new ConfigException($"{r.Source}: seeds: at least one seed is needed");
            var where = (node as YamlMappingNode)?.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "sources").Value ?? node;
            if (o.Sources.Count(s => s.Name == o.GeneralSource) != 1) throw r.Error(where, "sources", $"the general source '{o.GeneralSource}' must be listed exactly once");
            if (Specialised(o) == 0) throw r.Error(where, "sources", "at least one specialised source (e.g. math) is needed besides the general one");
            return o;
        });

    private static int Specialised(DmtOptions o) => o.Sources.Count(s => s.Name != o.GeneralSource);
}
