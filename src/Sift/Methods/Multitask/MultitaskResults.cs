using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sift.Methods.Multitask;

/// <summary>Every strategy's result; <see cref="ToJson"/> is the demo's <c>"multitask"</c> object for one seed.</summary>
public sealed record MultitaskResults(IReadOnlyList<MultitaskStrategyResult> Strategies)
{
    /// <summary><c>{"solution_ft": {...}, "sequential": {...}, "mixed": {...}}</c>.</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject();
        foreach (var s in Strategies) o[s.Name] = s.ToJson();
        return o;
    }

    /// <summary>Greedy accuracy, evaluator AUC, and majority vs cluster re-ranking at the largest k.</summary>
    public string Table()
    {
        var sb = new StringBuilder();
        sb.AppendLine("| strategy | greedy | evaluator AUC | majority @n | best-of-n @n | cluster rerank @n | weighted vote @n |");
        sb.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var s in Strategies)
        {
            string At(string strategy)
            {
                if (s.Rerank is not { } r || !r.Strategies.Any(c => c.Name == strategy)) return "-";
                var v = r.AccuracyAt(strategy, r.Ks[^1]);
                return double.IsNaN(v) ? "-" : v.ToString("P1", CultureInfo.InvariantCulture);
            }
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {s.Name} | {s.GreedyAccuracy.ToString("P1", CultureInfo.InvariantCulture)} | {(s.Evaluator is { } e && !double.IsNaN(e.Auc) ? e.Auc.ToString("F3", CultureInfo.InvariantCulture) : "-")} | {At("majority")} | {At("best_of_n")} | {At("cluster_rerank")} | {At("weighted_vote")} |");
        }
        return sb.ToString();
    }
}
