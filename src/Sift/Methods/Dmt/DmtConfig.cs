using System.Globalization;
using Sift.Model;
using Sift.Pipelines;
using Sift.Training.Sft;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Sift.Methods.Dmt;

/// <summary>
/// Reads DMT experiment configs (`sift mix config.yaml`, configs/mix/dmt.yaml) in the house style of
/// <see cref="ExperimentConfig"/>: every field optional with the defaults of <see cref="DmtOptions"/>,
/// unknown fields and bad values are errors naming file, line and field.
/// </summary>
public static class DmtConfig
{
    private static readonly string[] TopFields = ["name", "seeds", "data_seed", "k", "general_source", "template", "vocab_size", "max_new_tokens", "sample_batch", "general_stage_epochs", "sources", "strategies", "model", "sft"];

    /// <summary>Loads a config file; <paramref name="knownAbilities"/> (when given) are the source names allowed.</summary>
    public static DmtOptions Load(string path, IReadOnlyCollection<string>? knownAbilities = null)
    {
        if (!File.Exists(path)) throw new ExperimentConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, knownAbilities);
    }

    /// <summary>Parses config text; <paramref name="source"/> names it in errors.</summary>
    public static DmtOptions Parse(string yaml, string source, IReadOnlyCollection<string>? knownAbilities = null)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            throw new ExperimentConfigException($"{source}:{e.Start.Line}: invalid YAML ({e.Message})", e);
        }
        var o = new DmtOptions();
        if (stream.Documents.Count == 0) return o;
        var rootNode = stream.Documents[0].RootNode;
        if (rootNode is not YamlMappingNode root) throw new ExperimentConfigException($"{source}:{rootNode.Start.Line}: the config must be a mapping of fields");
        var r = new Reader(source);
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
                case "model": o = o with { Model = ReadModel(r, value, o.Model) }; break;
                case "sft": o = o with { Sft = ReadSft(r, value, o.Sft) }; break;
            }
        }
        if (o.Seeds.Count == 0) throw new ExperimentConfigException($"{source}: seeds: at least one seed is needed");
        var where = sourcesNode ?? root;
        if (o.Sources.Count(s => s.Name == o.GeneralSource) != 1) throw r.Error(where, "sources", $"the general source '{o.GeneralSource}' must be listed exactly once");
        int specialised = o.Sources.Count(s => s.Name != o.GeneralSource);
        if (specialised == 0) throw r.Error(where, "sources", "at least one specialised source (e.g. math) is needed besides the general one");
        if (strategiesNode is not null) o = o with { Strategies = ReadStrategies(r, strategiesNode, specialised) };
        return o;
    }

    private static List<MixtureSource> ReadSources(Reader r, YamlNode node, IReadOnlyCollection<string>? known)
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

    private static List<StrategyPlan> ReadStrategies(Reader r, YamlNode node, int specialised)
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

    private static ModelShape ReadModel(Reader r, YamlNode node, ModelShape m)
    {
        foreach (var (key, value) in r.Fields(node, "model.", ["family", "hidden", "layers", "heads", "kv_heads", "intermediate", "context", "tie_embeddings"]))
        {
            var f = "model." + key;
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
        if (m.Hidden % m.Heads != 0) throw r.Error(node, "model.hidden", $"{m.Hidden} must be a multiple of model.heads ({m.Heads})");
        return m;
    }

    private static SftOptions ReadSft(Reader r, YamlNode node, SftOptions s)
    {
        foreach (var (key, value) in r.Fields(node, "sft.", ["epochs", "batch_size", "bucket_window", "lr", "min_lr_ratio", "warmup", "weight_decay", "max_grad_norm", "checkpoint_every"]))
        {
            var f = "sft." + key;
            s = key switch
            {
                "epochs" => s with { Epochs = r.Double(value, f, 1e-6, 1e6) },
                "batch_size" => s with { BatchSize = r.Int(value, f, 1, 65536) },
                "bucket_window" => s with { BucketWindow = r.Int(value, f, 1, 65536) },
                "lr" => s with { LearningRate = r.Double(value, f, 1e-9, 10) },
                "min_lr_ratio" => s with { MinLearningRateRatio = r.Double(value, f, 0, 1) },
                "warmup" => s with { WarmupFraction = r.Double(value, f, 0, 0.999) },
                "weight_decay" => s with { WeightDecay = r.Double(value, f, 0, 10) },
                "max_grad_norm" => s with { MaxGradNorm = (float)r.Double(value, f, 0, 1e6) },
                "checkpoint_every" => s with { CheckpointEvery = r.Int(value, f, 0, int.MaxValue) },
                _ => s,
            };
        }
        return s;
    }

    /// <summary>Typed reads of YAML nodes with file:line: field errors.</summary>
    private sealed class Reader(string source)
    {
        public ExperimentConfigException Error(YamlNode node, string field, string message) =>
            new($"{source}:{node.Start.Line}: {field}: {message}");

        public List<(string Key, YamlNode Value)> Fields(YamlNode node, string prefix, string[] known)
        {
            if (node is not YamlMappingNode map) throw Error(node, prefix.TrimEnd('.'), "expected a mapping of fields");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var list = new List<(string, YamlNode)>();
            foreach (var (k, v) in map.Children)
            {
                var key = (k as YamlScalarNode)?.Value ?? throw Error(k, prefix, "field names must be plain text");
                if (!known.Contains(key)) throw Error(k, prefix + key, $"unknown field; known fields here: {string.Join(", ", known)}");
                if (!seen.Add(key)) throw Error(k, prefix + key, "given twice");
                list.Add((key, v));
            }
            return list;
        }

        private string Scalar(YamlNode node, string field) =>
            (node as YamlScalarNode)?.Value ?? throw Error(node, field, "expected a single value");

        public string String(YamlNode node, string field) => Scalar(node, field);

        public string Choice(YamlNode node, string field, params string[] options)
        {
            var s = Scalar(node, field).ToLowerInvariant();
            return options.Contains(s) ? s : throw Error(node, field, $"'{s}' is not one of {string.Join(", ", options)}");
        }

        public int Int(YamlNode node, string field, int min, int max)
        {
            var s = Scalar(node, field);
            if (!int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v)) throw Error(node, field, $"'{s}' is not an integer");
            if (v < min || v > max) throw Error(node, field, $"{v} is out of range [{min}, {max}]");
            return v;
        }

        /// <summary>A number, also as a fraction such as <c>1/16</c> (the paper writes k that way).</summary>
        public double Double(YamlNode node, string field, double min, double max)
        {
            var s = Scalar(node, field);
            double v = 0;
            bool ok;
            var slash = s.IndexOf('/', StringComparison.Ordinal);
            if (slash > 0)
            {
                double num = 0, den = 0;
                ok = double.TryParse(s[..slash], NumberStyles.Float, CultureInfo.InvariantCulture, out num)
                    && double.TryParse(s[(slash + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out den) && den != 0;
                if (ok) v = num / den;
            }
            else
            {
                ok = double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out v);
            }
            if (!ok) throw Error(node, field, $"'{s}' is not a number");
            if (!(v >= min && v <= max)) throw Error(node, field, $"{s} is out of range [{min}, {max}]");
            return v;
        }

        public bool Bool(YamlNode node, string field)
        {
            var s = Scalar(node, field).ToLowerInvariant();
            return s switch
            {
                "true" or "yes" or "on" => true,
                "false" or "no" or "off" => false,
                _ => throw Error(node, field, $"'{s}' is not true or false"),
            };
        }

        public int[] IntList(YamlNode node, string field)
        {
            if (node is YamlScalarNode scalar)
            {
                return (scalar.Value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw Error(node, field, $"'{p}' is not an integer")).ToArray();
            }
            if (node is not YamlSequenceNode seq) throw Error(node, field, "expected a list of integers");
            return seq.Children.Select((c, i) => Int(c, $"{field}[{i}]", int.MinValue, int.MaxValue)).ToArray();
        }

        public double[] DoubleList(YamlNode node, string field, double min, double max)
        {
            if (node is not YamlSequenceNode seq) throw Error(node, field, "expected a list of numbers, one per stage");
            return seq.Children.Select((c, i) => Double(c, $"{field}[{i}]", min, max)).ToArray();
        }
    }
}
