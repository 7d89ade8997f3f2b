using System.Globalization;
using Sift.IO.Yaml;
using YamlDotNet.RepresentationModel;

namespace Sift.Methods.Dmt;

/// <summary>
/// A mix config's <c>strategies</c>: a list of names (<c>[dmt, sequential]</c>) or a mapping
/// name → <c>{epochs: [one per stage]}</c> (or nothing); written as the mapping.
/// </summary>
public static class StrategyPlanYaml
{
    /// <summary>Reads the plans; epoch lists must have one value per stage with <paramref name="specialised"/> specialised sources.</summary>
    public static List<StrategyPlan> ReadList(YamlFieldReader r, YamlNode node, string field, int specialised)
    {
        ArgumentNullException.ThrowIfNull(r);
        var plans = new List<StrategyPlan>();
        StrategyPlan Plan(YamlNode nameNode, string name, YamlNode? body, string itemField)
        {
            var strategy = MixtureStrategies.TryParse(name) ?? throw r.Error(nameNode, itemField, $"unknown strategy '{name}'; known: {string.Join(", ", MixtureStrategies.Names)}");
            if (plans.Any(p => p.Strategy == strategy)) throw r.Error(nameNode, itemField, "given twice");
            double[]? epochs = null;
            if (body is not null && !YamlFieldReader.IsNull(body))
            {
                foreach (var (key, value) in r.Fields(body, itemField + ".", ["epochs"]))
                {
                    epochs = r.DoubleList(value, $"{itemField}.{key}", 1e-6, 1e6);
                    int stages = MixturePlanner.StageCount(strategy, specialised);
                    if (epochs.Length != stages) throw r.Error(value, $"{itemField}.{key}", $"{name} has {stages} stages with these sources, so give {stages} epoch values, not {epochs.Length}");
                }
            }
            return new StrategyPlan(strategy, epochs);
        }
        switch (node)
        {
            case YamlSequenceNode seq:
                for (int i = 0; i < seq.Children.Count; i++)
                {
                    var itemField = string.Create(CultureInfo.InvariantCulture, $"{field}[{i}]");
                    plans.Add(Plan(seq.Children[i], r.String(seq.Children[i], itemField), null, itemField));
                }
                break;
            case YamlMappingNode map:
                foreach (var (k, v) in map.Children)
                {
                    var name = (k as YamlScalarNode)?.Value ?? throw r.Error(k, field, "strategy names must be plain text");
                    plans.Add(Plan(k, name, v, field + "." + name));
                }
                break;
            default:
                throw r.Error(node, field, "expected a list of strategy names or a mapping name → {epochs: [...]}");
        }
        if (plans.Count == 0) throw r.Error(node, field, "at least one strategy is needed");
        return plans;
    }

    public static void WriteList(YamlWriter writer, string key, IEnumerable<StrategyPlan> plans)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Section(key, w =>
        {
            foreach (var p in plans)
            {
                var name = MixtureStrategies.Name(p.Strategy);
                if (p.StageEpochs is null) w.Value(name, "null");
                else w.Section(name, e => e.List("epochs", p.StageEpochs.Select(YamlWriter.Number)));
            }
        });
    }
}
