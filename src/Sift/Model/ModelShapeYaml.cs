using Sift.IO.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sift.Model;

/// <summary>Reads a <see cref="ModelShape"/> from a config.</summary>
public static class ModelShapeYaml
{
    /// <summary>A model shape under <paramref name="prefix"/> (experiment, mix and sweep configs).</summary>
    public static ModelShape Read(YamlFieldReader r, YamlNode node, string prefix, ModelShape m)
    {
        foreach (var (key, value) in r.Fields(node, prefix, ["family", "hidden", "layers", "heads", "kv_heads", "intermediate", "context", "tie_embeddings"]))
        {
            var f = prefix + key;
            m = key switch
            {
                "family" => m with { Family = r.Choice(value, f, "llama", "gpt2") == "llama" ? ModelFamily.Llama : ModelFamily.Gpt2 },
                "hidden" => m with { Hidden = r.Int(value, f, 8, 16384) },
                "layers" => m with { Layers = r.Int(value, f, 1, 256) },
                "heads" => m with { Heads = r.Int(value, f, 1, 256) },
                "kv_heads" => m with { KeyValueHeads = r.Int(value, f, 1, 256) },
                "intermediate" => m with { Intermediate = r.Int(value, f, 1, 65536) },
                "context" => m with { Context = r.Int(value, f, 16, 65536) },
                "tie_embeddings" => m with { TieEmbeddings = r.Bool(value, f) },
                _ => m,
            };
        }
        if (m.Hidden % m.Heads != 0) throw new ConfigException($"{r.Source}:{node.Start.Line}: {prefix}hidden ({m.Hidden}) must be a multiple of {prefix}heads ({m.Heads})");
        return m;
    }
}
