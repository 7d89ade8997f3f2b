using System.Globalization;
using Sift.Pipelines;
using YamlDotNet.RepresentationModel;
using Sift.IO.Yaml;
using Sift.Model;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// Reads sweep configs (`sift sweep config.yaml`; docs/sweep.md lists every field). The base
/// experiment is an experiment config (<see cref="ExperimentConfig"/>) named by path; the axes are
/// lists. Unknown fields and bad values are errors naming file, line and field, like
/// <see cref="ExperimentConfig"/> (whose reader this mirrors: that one is private to Pipelines).
/// </summary>
public static class SweepConfig
{
    /// <summary>Trial kinds a config may name ("dmt" needs its trial registered, see <see cref="SweepTrials"/>).</summary>
    public static IReadOnlyList<string> TrialKinds { get; } = ["sft", "rft", "dmt"];

    /// <summary>Loads a sweep config file (and the experiment config it names).</summary>
    public static SweepOptions Load(string path)
    {
        if (!File.Exists(path)) throw new ConfigException($"{path}: config file not found");
        return Parse(File.ReadAllText(path), path, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    /// <summary>Parses sweep config text; <paramref name="source"/> names it in errors, <paramref name="baseDirectory"/> anchors relative paths.</summary>
    public static SweepOptions Parse(string yaml, string source, string baseDirectory)
    {
        var r = new YamlFieldReader(source);
        var root = r.Root(yaml) ?? throw new ConfigException($"{source}: empty sweep config (at least axes.data_fraction or axes.model is expected)");
        var fields = r.Fields(root, "", ["name", "experiment", "trial", "budget", "held_out", "axes"]);
        var o = new SweepOptions();
        // The experiment comes first: named models resolve against its model, seeds default to its seeds.
        if (fields.FirstOrDefault(f => f.Key == "experiment") is { Value: { } expNode })
        {
            var path = Path.GetFullPath(Path.Combine(baseDirectory, r.String(expNode, "experiment")));
            if (!File.Exists(path)) throw r.Error(expNode, "experiment", $"experiment config '{path}' not found");
            o = o with { Experiment = ExperimentConfig.Load(path) };
        }
        o = o with { Seeds = o.Experiment.Seeds };
        YamlNode? axes = null;
        foreach (var (key, value) in fields)
        {
            switch (key)
            {
                case "name": o = o with { Name = r.String(value, key) }; break;
                case "trial": o = o with { Trial = r.Choice(value, key, [.. TrialKinds]) }; break;
                case "budget": o = o with { Budget = r.Choice(value, key, "epochs", "steps") == "steps" ? SweepBudget.Steps : SweepBudget.Epochs }; break;
                case "held_out": o = o with { HeldOut = r.Int(value, key, 0, 1_000_000) }; break;
                case "axes": axes = value; break;
            }
        }
        if (axes is not null) o = ReadAxes(r, axes, o);
        if (o.Trial == "rft" && o.RftKs is null) o = o with { RftKs = [o.Experiment.Rft.K] };
        if (o.Trial == "dmt" && o.MixKs is null) o = o with { MixKs = [0.0625] };
        if (o.RftKs is not null && o.Trial != "rft") throw new ConfigException($"{source}: axes.rft_k: only rft trials sample k per problem (trial is {o.Trial})");
        if (o.MixKs is not null && o.Trial != "dmt") throw new ConfigException($"{source}: axes.mix_k: only dmt trials mix sources (trial is {o.Trial})");
        return o;
    }

    private static SweepOptions ReadAxes(YamlFieldReader r, YamlNode node, SweepOptions o)
    {
        foreach (var (key, value) in r.Fields(node, "axes.", ["data_fraction", "model", "rft_k", "mix_k", "seeds"]))
        {
            var f = "axes." + key;
            var items = r.List(value, f);
            switch (key)
            {
                case "data_fraction":
                    o = o with { Fractions = items.Select((n, i) => SweepFraction.TryParse(r.String(n, $"{f}[{i}]")) ?? throw r.Error(n, $"{f}[{i}]", $"'{r.String(n, f)}' is not a fraction in (0, 1] (write 1/32 or 0.03125)")).ToArray() };
                    r.Distinct(value, f, o.Fractions.Select(x => x.Value.ToString("R", CultureInfo.InvariantCulture)));
                    break;
                case "model":
                    o = o with { Models = items.Select((n, i) => ReadModel(r, n, $"{f}[{i}]", o.Experiment.Model)).ToArray() };
                    r.Distinct(value, f, o.Models.Select(m => m.Name));
                    break;
                case "rft_k":
                    o = o with { RftKs = items.Select((n, i) => r.Int(n, $"{f}[{i}]", 1, 100_000)).ToArray() };
                    r.Distinct(value, f, o.RftKs.Select(k => k.ToString(CultureInfo.InvariantCulture)));
                    break;
                case "mix_k":
                    o = o with { MixKs = items.Select((n, i) => Fraction(r, n, $"{f}[{i}]")).ToArray() };
                    r.Distinct(value, f, o.MixKs.Select(k => k.ToString("R", CultureInfo.InvariantCulture)));
                    break;
                case "seeds":
                    o = o with { Seeds = items.Select((n, i) => r.Int(n, $"{f}[{i}]", int.MinValue, int.MaxValue)).ToArray() };
                    r.Distinct(value, f, o.Seeds.Select(s => s.ToString(CultureInfo.InvariantCulture)));
                    break;
            }
        }
        return o;
    }

    /// <summary>A model is a built-in name or a mapping {name, hidden, layers, heads, kv_heads, intermediate} over the experiment's model.</summary>
    private static SweepModel ReadModel(YamlFieldReader r, YamlNode node, string field, ModelShape baseShape)
    {
        if (node is YamlScalarNode)
        {
            var name = r.String(node, field);
            return SweepModel.BuiltIn(name, baseShape) ?? throw r.Error(node, field, $"unknown model '{name}'; built-in: {string.Join(", ", SweepModel.BuiltInNames)} (or a mapping {{name, hidden, layers, heads, kv_heads, intermediate}})");
        }
        string? modelName = null;
        bool headsGiven = false, kvGiven = false;
        var m = baseShape;
        foreach (var (key, value) in r.Fields(node, field + ".", ["name", "hidden", "layers", "heads", "kv_heads", "intermediate"]))
        {
            var f = field + "." + key;
            switch (key)
            {
                case "name":
                    modelName = r.String(value, f);
                    if (modelName.Length == 0 || modelName.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))) throw r.Error(value, f, $"'{modelName}': use letters, digits, '-', '_' or '.' (it names trial directories)");
                    break;
                case "hidden": m = m with { Hidden = r.Int(value, f, 8, 16384) }; break;
                case "layers": m = m with { Layers = r.Int(value, f, 1, 256) }; break;
                case "heads": m = m with { Heads = r.Int(value, f, 1, 256) }; headsGiven = true; break;
                case "kv_heads": m = m with { KeyValueHeads = r.Int(value, f, 1, 256) }; kvGiven = true; break;
                case "intermediate": m = m with { Intermediate = r.Int(value, f, 1, 65536) }; break;
            }
        }
        // heads without kv_heads means plain multi-head attention (one key/value head per head).
        if (headsGiven && !kvGiven) m = m with { KeyValueHeads = m.Heads };
        if (modelName is null) throw r.Error(node, field + ".name", "a model given by its shape needs a name");
        if (m.Hidden % m.Heads != 0) throw r.Error(node, field, $"hidden ({m.Hidden}) must be a multiple of heads ({m.Heads})");
        if (m.Heads % m.KeyValueHeads != 0) throw r.Error(node, field, $"heads ({m.Heads}) must be a multiple of kv_heads ({m.KeyValueHeads})");
        return new SweepModel(modelName, m);
    }

    private static double Fraction(YamlFieldReader r, YamlNode node, string field) =>
        SweepFraction.TryParse(r.String(node, field))?.Value ?? throw r.Error(node, field, $"'{r.String(node, field)}' is not a fraction in (0, 1]");
}
