using System.Globalization;
using Sift.Model;
using Sift.Training.Sft;
using YamlDotNet.RepresentationModel;
using Sift.IO.Yaml;

namespace Sift.Methods.Dmt;

/// <summary>
/// Reads DMT experiment configs (`sift mix config.yaml`, configs/mix/dmt.yaml) in the house style of
/// <see cref="ExperimentConfig"/>: every field optional with the defaults of <see cref="DmtOptions"/>,
/// unknown fields and bad values are errors naming file, line and field.
/// </summary>
public static class DmtConfig
{
    /// <summary>The SFT fields a mix config may set (steps would override the per-stage epochs).</summary>
    private static readonly string[] SftFields = ["epochs", "batch_size", "bucket_window", "lr", "min_lr_ratio", "warmup", "weight_decay", "max_grad_norm", "checkpoint_every"];

    private static readonly string[] TopFields = ["name", "seeds", "data_seed", "k", "general_source", "template", "vocab_size", "max_new_tokens", "sample_batch", "general_stage_epochs", "sources", "strategies", "model", "sft"];

    /// <summary>Loads a config file; <paramref name="knownAbilities"/> (when given) are the source names allowed.</summary>
    public static DmtOptions Load(string path, IReadOnlyCollection<string>? knownAbilities = null)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, knownAbilities);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors.</summary>
    public static DmtOptions Parse(string yaml, string source, IReadOnlyCollection<string>? knownAbilities = null)
    {
        var r = new YamlFieldReader(source);
        var o = new DmtOptions();
        if (r.Root(yaml) is not { } root) return o;
        YamlNode? strategiesNode = null, sourcesNode = null;
        foreach (var (key, value) in r.Fields(root, "", TopFields))
        {
            switch (key)
            {
                case "name": o = o with { Name = r.String(value, key) }; break;
                case "seeds": o = o with { Seeds = r.IntList(value, key) }; break;
                case "data_seed": o = o with { DataSeed = r.Int(value, key, int.MinValue, int.MaxValue) }; break;
                case "k": o = o with { K = r.Double(value, key, 0, 1) }; break;
                case "general_source": o = o with { GeneralSource = r.String(value, key) }; break;
                case "template": o = o with { Template = r.Choice(value, key, "plain", "alpaca") }; break;
                case "vocab_size": o = o with { VocabSize = r.Int(value, key, 260, 65536) }; break;
                case "max_new_tokens": o = o with { MaxNewTokens = r.Int(value, key, 1, 100000) }; break;
                case "sample_batch": o = o with { SampleBatch = r.Int(value, key, 1, 4096) }; break;
                case "general_stage_epochs": o = o with { GeneralStageEpochs = r.Double(value, key, 1e-6, 1e6) }; break;
                case "sources": sourcesNode = value; o = o with { Sources = ReadSources(r, value, knownAbilities) }; break;
                case "strategies": strategiesNode = value; break;
                case "model": o = o with { Model = ModelShapeYaml.Read(r, value, "model.", o.Model) }; break;
                case "sft": o = o with { Sft = SftOptionsYaml.Read(r, value, "sft.", o.Sft, SftFields) }; break;
            }
        }
        if (o.Seeds.Count == 0) throw new ConfigException($"{source}: seeds: at least one seed is needed");
        var where = sourcesNode ?? root;
        if (o.Sources.Count(s => s.Name == o.GeneralSource) != 1) throw r.Error(where, "sources", $"the general source '{o.GeneralSource}' must be listed exactly once");
        int specialised = o.Sources.Count(s => s.Name != o.GeneralSource);
        if (specialised == 0) throw r.Error(where, "sources", "at least one specialised source (e.g. math) is needed besides the general one");
        if (strategiesNode is not null) o = o with { Strategies = ReadStrategies(r, strategiesNode, specialised) };
        return o;
    }

    private static List<MixtureSource> ReadSources(YamlFieldReader r, YamlNode node, IReadOnlyCollection<string>? known)
    {
        if (node is not YamlSequenceNode seq) throw r.Error(node, "sources", "expected a list of sources (- name: math ...)");
        var list = new List<MixtureSource>();
        for (int i = 0; i < seq.Children.Count; i++)
        {
            var item = seq.Children[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"sources[{i}].");
            string? name = null;
            int? amount = null;
            double? ratio = null;
            int train = 1000, test = 100;
            YamlNode? amountNode = null;
            foreach (var (key, value) in r.Fields(item, prefix, ["name", "amount", "ratio", "train", "test"]))
            {
                var f = prefix + key;
                switch (key)
                {
                    case "name": name = r.String(value, f); break;
                    case "amount": amount = r.Int(value, f, 0, int.MaxValue); amountNode = value; break;
                    case "ratio": ratio = r.Double(value, f, double.Epsilon, 1); break;
                    case "train": train = r.Int(value, f, 1, 10_000_000); break;
                    case "test": test = r.Int(value, f, 0, 10_000_000); break;
                }
            }
            if (name is null) throw r.Error(item, prefix + "name", "every source needs a name");
            if (known is not null && !known.Contains(name)) throw r.Error(item, prefix + "name", $"unknown ability '{name}'; known: {string.Join(", ", known)}");
            if (list.Any(s => s.Name == name)) throw r.Error(item, prefix + "name", $"source '{name}' is listed twice");
            if (amount is not null && ratio is not null) throw r.Error(item, prefix + "amount", "give an amount or a ratio, not both");
            if (amount > train) throw r.Error(amountNode!, prefix + "amount", $"{amount} is more than the source's {train} training problems");
            list.Add(new MixtureSource(name, amount, ratio) { Train = train, Test = test });
        }
        return list;
    }

    private static List<StrategyPlan> ReadStrategies(YamlFieldReader r, YamlNode node, int specialised)
    {
        var plans = new List<StrategyPlan>();
        StrategyPlan Plan(YamlNode nameNode, string name, YamlNode? body, string field)
        {
            var strategy = MixtureStrategies.TryParse(name) ?? throw r.Error(nameNode, field, $"unknown strategy '{name}'; known: {string.Join(", ", MixtureStrategies.Names)}");
            if (plans.Any(p => p.Strategy == strategy)) throw r.Error(nameNode, field, "given twice");
            double[]? epochs = null;
            if (body is not null && !(body is YamlScalarNode { Value: null or "" or "null" or "~" }))
            {
                foreach (var (key, value) in r.Fields(body, field + ".", ["epochs"]))
                {
                    epochs = r.DoubleList(value, $"{field}.{key}", 1e-6, 1e6);
                    int stages = MixturePlanner.StageCount(strategy, specialised);
                    if (epochs.Length != stages) throw r.Error(value, $"{field}.{key}", $"{name} has {stages} stages with these sources, so give {stages} epoch values, not {epochs.Length}");
                }
            }
            return new StrategyPlan(strategy, epochs);
        }
        switch (node)
        {
            case YamlSequenceNode seq:
                for (int i = 0; i < seq.Children.Count; i++)
                {
                    var field = string.Create(CultureInfo.InvariantCulture, $"strategies[{i}]");
                    plans.Add(Plan(seq.Children[i], r.String(seq.Children[i], field), null, field));
                }
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? throw r.Error(k, "strategies", "strategy names must be plain text");
                    plans.Add(Plan(k, name, v, "strategies." + name));
                }
                break;
            default:
                throw r.Error(node, "strategies", "expected a list of strategy names or a mapping name → {epochs: [...]}");
        }
        if (plans.Count == 0) throw r.Error(node, "strategies", "at least one strategy is needed");
        return plans;
    }
}
