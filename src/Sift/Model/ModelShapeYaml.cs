using Sift.IO.Yaml;

namespace Sift.Model;

/// <summary>The YAML fields of a <see cref="ModelShape"/> (experiment <c>model</c>/<c>model_b</c>, mix <c>model</c>, `sift train sft` <c>model</c>).</summary>
public static class ModelShapeYaml
{
    public static YamlTable<ModelShape> Table { get; } = new YamlTable<ModelShape>()
        .Choice("family", m => m.Family, (m, v) => m with { Family = v }, ("llama", ModelFamily.Llama), ("gpt2", ModelFamily.Gpt2))
        .Int("hidden", m => m.Hidden, (m, v) => m with { Hidden = v }, 8, 16384)
        .Int("layers", m => m.Layers, (m, v) => m with { Layers = v }, 1, 256)
        .Int("heads", m => m.Heads, (m, v) => m with { Heads = v }, 1, 256)
        .Int("kv_heads", m => m.KeyValueHeads, (m, v) => m with { KeyValueHeads = v }, 1, 256)
        .Int("intermediate", m => m.Intermediate, (m, v) => m with { Intermediate = v }, 1, 65536)
        .Int("context", m => m.Context, (m, v) => m with { Context = v }, 16, 65536)
        .Bool("tie_embeddings", m => m.TieEmbeddings, (m, v) => m with { TieEmbeddings = v })
        .Validate((s, node, prefix, m) => m.Hidden % m.Heads == 0 ? m
            : throw new ConfigException($"{s.Reader.Source}:{node.Start.Line}: {prefix}hidden ({m.Hidden}) must be a multiple of {prefix}heads ({m.Heads})"));
}
