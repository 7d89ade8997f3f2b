using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.IO;

namespace Sift.Eval.Selection;

/// <summary>
/// Accuracy of each selection strategy against k. Serialised (<see cref="ToJson"/>) exactly as
/// <c>{"n_problems": N, "strategies": {"majority": {"1": acc, "2": acc, ...}, ...}}</c>, strategies in
/// run order and k ascending; strategies that could not run (<see cref="Unavailable"/>) are absent;
/// <c>"score_transform": "sigmoid (scores outside [0,1])"</c> follows "n_problems" only when the
/// weighted strategies' scores were mapped (<see cref="ScoreTransform"/>).
/// </summary>
public sealed class RerankReport
{
    public RerankReport(int problemCount, IReadOnlyList<int> ks, IReadOnlyList<StrategyCurve> strategies, IReadOnlyDictionary<string, string> unavailable, string? scoreTransform = null)
    {
        ScoreTransform = scoreTransform;
        ProblemCount = problemCount;
        Ks = ks;
        Strategies = strategies;
        Unavailable = unavailable;
    }

    public int ProblemCount { get; }

    /// <summary>The k values, ascending.</summary>
    public IReadOnlyList<int> Ks { get; }

    public IReadOnlyList<StrategyCurve> Strategies { get; }

    /// <summary>Strategies not run, with the reason (e.g. a score-based one when samples lack scores).</summary>
    public IReadOnlyDictionary<string, string> Unavailable { get; }

    /// <summary>
    /// How the weighted strategies' scores were mapped (<see cref="ScoreTransforms.Describe"/>, e.g.
    /// "sigmoid (scores outside [0,1])"); null when they used the scores as given.
    /// </summary>
    public string? ScoreTransform { get; }

    /// <summary>The accuracy of <paramref name="strategy"/> at <paramref name="k"/>.</summary>
    public double AccuracyAt(string strategy, int k)
    {
        var curve = Strategies.FirstOrDefault(s => s.Name == strategy) ?? throw new KeyNotFoundException($"no strategy '{strategy}' in the report");
        var i = Ks.ToList().IndexOf(k);
        return i >= 0 ? curve.Accuracy[i] : throw new KeyNotFoundException($"k={k} not in the report ({string.Join(", ", Ks)})");
    }

    /// <summary>
    /// The report as a JSON object. With <paramref name="includeKs"/> a "k" array of the k values comes
    /// first (the demo's results.json "rerank" entry: {"k": [...], "n_problems": N, "strategies": {...}}).
    /// </summary>
    public JsonObject ToJsonObject(bool includeKs = false)
    {
        var strategies = new JsonObject();
        foreach (var s in Strategies)
        {
            var byK = new JsonObject();
            for (var i = 0; i < Ks.Count; i++)
            {
                byK[Ks[i].ToString(CultureInfo.InvariantCulture)] = s.Accuracy[i];
            }
            strategies[s.Name] = byK;
        }
        var result = new JsonObject();
        if (includeKs)
        {
            var ks = new JsonArray();
            foreach (var k in Ks)
            {
                ks.Add(k);
            }
            result["k"] = ks;
        }
        result["n_problems"] = ProblemCount;
        if (ScoreTransform is not null)
        {
            result["score_transform"] = ScoreTransform; // absent when none was applied: such output stays byte-identical
        }
        result["strategies"] = strategies;
        return result;
    }

    public string ToJson(bool indented = true) => ToJsonObject().ToJsonString(new JsonSerializerOptions { WriteIndented = indented });

    /// <summary>Writes <see cref="ToJson"/> to <paramref name="path"/> atomically.</summary>
    public void WriteJson(string path) => AtomicFile.WriteAllText(path, ToJson() + "\n");

    /// <summary>A plain-text table: one row per strategy, one column per k (percent).</summary>
    public string ToTable()
    {
        var nameWidth = Math.Max(8, Strategies.Select(s => s.Name.Length).Concat(Unavailable.Keys.Select(k => k.Length)).DefaultIfEmpty(0).Max());
        var sb = new System.Text.StringBuilder();
        sb.Append("strategy".PadRight(nameWidth));
        foreach (var k in Ks)
        {
            sb.Append(("k=" + k.ToString(CultureInfo.InvariantCulture)).PadLeft(9));
        }
        sb.Append('\n');
        foreach (var s in Strategies)
        {
            sb.Append(s.Name.PadRight(nameWidth));
            foreach (var a in s.Accuracy)
            {
                sb.Append((100 * a).ToString("0.0", CultureInfo.InvariantCulture).PadLeft(9));
            }
            sb.Append('\n');
        }
        foreach (var (name, why) in Unavailable)
        {
            sb.Append(name.PadRight(nameWidth)).Append("  n/a: ").Append(why).Append('\n');
        }
        return sb.ToString();
    }
}
