using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sift.Methods.Dmt;

/// <summary>Every ability's score after one stage of one strategy and seed.</summary>
/// <param name="Stage">The stage's label (<see cref="MixtureStage.Name"/>).</param>
/// <param name="Key">The cache key of the stage's training (identical trainings share it across strategies).</param>
/// <param name="Examples">Training problems in the stage's mixture.</param>
/// <param name="Epochs">Epochs over them.</param>
/// <param name="Scores">Score per ability name.</param>
public sealed record StageScore(string Stage, string Key, int Examples, double Epochs, IReadOnlyDictionary<string, double> Scores);

/// <summary>One seed of one strategy: the scores after each stage (the last is the strategy's result).</summary>
public sealed record StrategySeedRun(int Seed, IReadOnlyList<StageScore> Stages)
{
    public IReadOnlyDictionary<string, double> Final => Stages[^1].Scores;
}

/// <summary>One strategy over every seed.</summary>
public sealed record StrategyResult(MixtureStrategy Strategy, IReadOnlyList<StrategySeedRun> PerSeed)
{
    public string Name => MixtureStrategies.Name(Strategy);

    /// <summary>Mean over seeds of <paramref name="ability"/>'s score after stage <paramref name="stage"/> (default: the last).</summary>
    public double Mean(string ability, int stage = -1) =>
        PerSeed.Count == 0 ? double.NaN : PerSeed.Average(r => r.Stages[stage < 0 ? r.Stages.Count + stage : stage].Scores.GetValueOrDefault(ability, double.NaN));
}

/// <summary>
/// What a data-composition experiment produced. <see cref="ToJson"/> is the value of results.json's
/// <c>"dmt"</c> field: <c>{"k", "abilities", "seeds", "strategies": {"multi_task": {"math": x, "code": x,
/// "general": x, "per_seed": [...], "stages": [...]}, ...}, "seconds"}</c> — final-stage scores as the mean
/// over seeds (fractions, not percent), <c>per_seed</c> beside them, and every stage's scores.
/// </summary>
public sealed record DmtResults(double K, IReadOnlyList<string> Abilities, IReadOnlyList<int> Seeds, IReadOnlyList<StrategyResult> Strategies, double Seconds)
{
    public StrategyResult? this[MixtureStrategy strategy] => Strategies.FirstOrDefault(s => s.Strategy == strategy);

    public JsonObject ToJson()
    {
        var strategies = new JsonObject();
        foreach (var s in Strategies)
        {
            var o = new JsonObject();
            foreach (var a in Abilities) o[a] = Round(s.Mean(a));
            var perSeed = new JsonArray();
            foreach (var r in s.PerSeed)
            {
                var row = new JsonObject { ["seed"] = r.Seed };
                foreach (var a in Abilities) row[a] = Round(r.Final.GetValueOrDefault(a, double.NaN));
                perSeed.Add(row);
            }
            o["per_seed"] = perSeed;
            var stages = new JsonArray();
            int count = s.PerSeed.Count == 0 ? 0 : s.PerSeed[0].Stages.Count;
            for (int i = 0; i < count; i++)
            {
                var first = s.PerSeed[0].Stages[i];
                var stage = new JsonObject { ["stage"] = first.Stage, ["examples"] = first.Examples, ["epochs"] = first.Epochs };
                foreach (var a in Abilities) stage[a] = Round(s.Mean(a, i));
                var stageSeeds = new JsonArray();
                foreach (var r in s.PerSeed)
                {
                    var row = new JsonObject { ["seed"] = r.Seed, ["key"] = r.Stages[i].Key };
                    foreach (var a in Abilities) row[a] = Round(r.Stages[i].Scores.GetValueOrDefault(a, double.NaN));
                    stageSeeds.Add(row);
                }
                stage["per_seed"] = stageSeeds;
                stages.Add(stage);
            }
            o["stages"] = stages;
            strategies[s.Name] = o;
        }
        return new JsonObject
        {
            ["k"] = K,
            ["abilities"] = new JsonArray(Abilities.Select(a => (JsonNode)a).ToArray()),
            ["seeds"] = new JsonArray(Seeds.Select(s => (JsonNode)s).ToArray()),
            ["strategies"] = strategies,
            ["seconds"] = Math.Round(Seconds, 1),
        };
    }

    /// <summary>A plain-text table: every strategy's stages with each ability's mean score (percent).</summary>
    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append(inv, $"{"strategy",-17} {"stage",-28}");
        foreach (var a in Abilities) sb.Append(inv, $" {a,8}");
        sb.Append('\n');
        foreach (var s in Strategies)
        {
            int count = s.PerSeed.Count == 0 ? 0 : s.PerSeed[0].Stages.Count;
            for (int i = 0; i < count; i++)
            {
                sb.Append(inv, $"{(i == 0 ? s.Name : ""),-17} {$"{i + 1}. {s.PerSeed[0].Stages[i].Stage}",-28}");
                foreach (var a in Abilities) sb.Append(inv, $" {100 * s.Mean(a, i),7:F1}%");
                sb.Append('\n');
            }
        }
        sb.Append(inv, $"mean over {Seeds.Count} seed(s); k = {K}\n");
        return sb.ToString();
    }

    // NaN (an ability with no test problems) is written as null: JSON has no NaN.
    private static JsonValue? Round(double v) => double.IsNaN(v) ? null : JsonValue.Create(Math.Round(v, 6));
}
