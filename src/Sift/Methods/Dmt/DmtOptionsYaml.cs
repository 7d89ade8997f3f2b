using Sift.IO.Yaml;
using Sift.Training.Sft;
using YamlDotNet.RepresentationModel;

namespace Sift.Methods.Dmt;

/// <summary>
/// The YAML fields of <see cref="DmtOptions"/>: the <c>dmt</c> section of an experiment config (`sift run`,
/// configs/demo.yaml) and of a `sift mix` config (configs/mix/dmt.yaml), whose shared fields are the
/// experiment's own table entries (Sift.Pipelines.ExperimentOptionsYaml.MixTable).
/// </summary>
public static class DmtOptionsYaml
{
    /// <summary>The shared SFT fields a mix config may set: the ones DMT's stages use (they train by epochs, so no steps; no held-out set, so no eval_every).</summary>
    public static YamlTable<SftOptions> SftTable { get; } = SftOptionsYaml.Table.Only("epochs", "batch_size", "bucket_window", "lr", "min_lr_ratio", "warmup", "weight_decay", "max_grad_norm", "checkpoint_every");

    public static YamlTable<DmtOptions> Table { get; } = new YamlTable<DmtOptions>()
        .Bool("enabled", o => o.Enabled, (o, v) => o with { Enabled = v })
        .Int("data_seed", o => o.DataSeed, (o, v) => o with { DataSeed = v })
        .Double("k", o => o.K, (o, v) => o with { K = v }, 0, 1)
        .String("general_source", o => o.GeneralSource, (o, v) => o with { GeneralSource = v })
        .OptionalDouble("epochs", o => o.Epochs, (o, v) => o with { Epochs = v }, 1e-6, 1e6)
        .OptionalDouble("general_stage_epochs", o => o.GeneralStageEpochs, (o, v) => o with { GeneralStageEpochs = v }, 1e-6, 1e6)
        .OptionalInt("max_new_tokens", o => o.MaxNewTokens, (o, v) => o with { MaxNewTokens = v }, 1, 100000)
        .Custom("sources", (s, n, f, o) => o with { Sources = MixtureSourceYaml.ReadList(s, n, f) }, (w, k, o) => MixtureSourceYaml.WriteList(w, k, o.Sources))
        .Custom("strategies", (s, n, f, o) => o with { Strategies = StrategyPlanYaml.ReadList(s.Reader, n, f, o.SpecialisedSources) }, (w, k, o) => StrategyPlanYaml.WriteList(w, k, o.Strategies), YamlFieldPhase.Late)
        .Validate((scope, node, prefix, o) =>
        {
            var r = scope.Reader;
            var where = (node as YamlMappingNode)?.Children.FirstOrDefault(kv => (kv.Key as YamlScalarNode)?.Value == "sources").Value ?? node;
            if (o.Sources.Count(s => s.Name == o.GeneralSource) != 1) throw r.Error(where, prefix + "sources", $"the general source '{o.GeneralSource}' must be listed exactly once");
            if (o.SpecialisedSources == 0) throw r.Error(where, prefix + "sources", "at least one specialised source (e.g. math) is needed besides the general one");
            return o;
        });

    /// <summary>The <c>dmt</c> section of a `sift mix` config: every field but <c>enabled</c> (`sift mix` always runs the study).</summary>
    public static YamlTable<DmtOptions> MixTable { get; } = Table.Only([.. Table.Names.Where(n => n != "enabled")]);
}
