using System.Globalization;
using Sift.IO.Yaml;
using Sift.Model;
using YamlDotNet.RepresentationModel;

namespace Sift.Pipelines.Sweeps;

/// <summary>
/// The YAML fields of <see cref="SweepOptions"/> (`sift sweep config.yaml`; docs/sweep.md). The base
/// experiment is read first: an experiment config named by path (relative to the sweep config) or
/// embedded as a mapping (what a run directory's config.yaml holds); the axes are lists.
/// </summary>
public static class SweepOptionsYaml
{
    /// <summary>Trial kinds a config may name ("dmt" needs its trial registered, see <see cref="SweepTrials"/>).</summary>
    public static IReadOnlyList<string> TrialKinds { get; } = ["sft", "rft", "dmt"];

    /// <summary><c>axes</c>: the grid (fields of the sweep itself).</summary>
    public static YamlTable<SweepOptions> AxesTable { get; } = new YamlTable<SweepOptions>()
        .Custom("data_fraction", (s, n, f, o) => o with { Fractions = Axis(s.Reader, n, f, (x, xf) => SweepFraction.TryParse(s.Reader.String(x, xf)) ?? throw s.Reader.Error(x, xf, $"'{s.Reader.String(x, f)}' is not a fraction in (0, 1] (write 1/32 or 0.03125)"), x => x.Value.ToString("R", CultureInfo.InvariantCulture)) },
            (w, k, o) => w.List(k, o.Fractions.Select(x => x.Label)))
        .Custom("model", (s, n, f, o) => o with { Models = Axis(s.Reader, n, f, (x, xf) => ReadModel(s.Reader, x, xf, o.Experiment.Model), m => m.Name) },
            (w, k, o) => { if (o.Models.Count > 0) w.List(k, o.Models.Select(m => ModelText(m, o.Experiment.Model))); })
        .Custom("rft_k", (s, n, f, o) => o with { RftKs = Axis(s.Reader, n, f, (x, xf) => s.Reader.Int(x, xf, 1, 100_000), k => k.ToString(CultureInfo.InvariantCulture)) },
            (w, k, o) => { if (o.RftKs is { } ks) w.List(k, ks.Select(YamlWriter.Number)); })
        .Custom("mix_k", (s, n, f, o) => o with { MixKs = Axis(s.Reader, n, f, (x, xf) => Fraction(s.Reader, x, xf), k => k.ToString("R", CultureInfo.InvariantCulture)) },
            (w, k, o) => { if (o.MixKs is { } ks) w.List(k, ks.Select(YamlWriter.Number)); })
        .Custom("seeds", (s, n, f, o) => o with { Seeds = Axis(s.Reader, n, f, (x, xf) => s.Reader.Int(x, xf, int.MinValue, int.MaxValue), k => k.ToString(CultureInfo.InvariantCulture)) },
            (w, k, o) => w.List(k, o.Seeds.Select(YamlWriter.Number)));

    public static YamlTable<SweepOptions> Table { get; } = new YamlTable<SweepOptions>()
        .String("name", o => o.Name, (o, v) => o with { Name = v })
        // The experiment comes first: named models resolve against its model, seeds default to its seeds.
        .Custom("experiment", (s, n, f, o) => ReadExperiment(s, n, f) is var e ? o with { Experiment = e, Seeds = e.Seeds } : o,
            (w, k, o) => w.Section(k, inner => ExperimentOptionsYaml.Table.Write(inner, o.Experiment, ExperimentPresets.Demo())), YamlFieldPhase.Early)
        .Choice("trial", o => o.Trial, (o, v) => o with { Trial = v }, [.. TrialKinds])
        .Choice("budget", o => o.Budget, (o, v) => o with { Budget = v }, ("epochs", SweepBudget.Epochs), ("steps", SweepBudget.Steps))
        .Int("held_out", o => o.HeldOut, (o, v) => o with { HeldOut = v }, 0, 1_000_000)
        .Section("axes", o => o, (_, v) => v, AxesTable)
        .Validate((s, _, _, o) =>
        {
            var source = s.Reader.Source;
            if (o.Trial == "rft" && o.RftKs is null) o = o with { RftKs = [o.Experiment.Rft.K] };
            if (o.Trial == "dmt" && o.MixKs is null) o = o with { MixKs = [0.0625] };
            if (o.RftKs is not null && o.Trial != "rft") throw new ConfigException($"{source}: axes.rft_k: only rft trials sample k per problem (trial is {o.Trial})");
            if (o.MixKs is not null && o.Trial != "dmt") throw new ConfigException($"{source}: axes.mix_k: only dmt trials mix sources (trial is {o.Trial})");
            return o;
        });

    /// <summary>The base experiment: a path to an experiment config, or the experiment's fields.</summary>
    private static ExperimentOptions ReadExperiment(YamlScope scope, YamlNode node, string field)
    {
        var r = scope.Reader;
        if (node is YamlMappingNode) return ExperimentOptionsYaml.Table.Read(ExperimentConfig.Scope(r), node, field + ".", ExperimentPresets.Demo());
        var path = Path.GetFullPath(Path.Combine(r.BaseDirectory, r.String(node, field)));
        if (!File.Exists(path)) throw r.Error(node, field, $"experiment config '{path}' not found");
        return ExperimentConfig.Load(path);
    }

    /// <summary>A non-empty list (a single value counts) of distinct values.</summary>
    private static TItem[] Axis<TItem>(YamlFieldReader r, YamlNode node, string field, Func<YamlNode, string, TItem> item, Func<TItem, string> key)
    {
        var items = r.List(node, field).Select((n, i) => item(n, string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]"))).ToArray();
        r.Distinct(node, field, items.Select(key));
        return items;
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

    /// <summary>A built-in name when the shape is that built-in's, else the mapping (names are plain: letters, digits, '-', '_', '.').</summary>
    private static string ModelText(SweepModel m, ModelShape baseShape) =>
        SweepModel.BuiltIn(m.Name, baseShape)?.Shape == m.Shape ? m.Name
            : string.Create(CultureInfo.InvariantCulture, $"{{name: {m.Name}, hidden: {m.Shape.Hidden}, layers: {m.Shape.Layers}, heads: {m.Shape.Heads}, kv_heads: {m.Shape.KeyValueHeads}, intermediate: {m.Shape.Intermediate}}}");

    private static double Fraction(YamlFieldReader r, YamlNode node, string field) =>
        SweepFraction.TryParse(r.String(node, field))?.Value ?? throw r.Error(node, field, $"'{r.String(node, field)}' is not a fraction in (0, 1]");
}
