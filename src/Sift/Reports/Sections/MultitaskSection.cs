namespace Sift.Reports.Sections;

/// <summary>
/// Evaluator/solution multi-task training from results.json
/// <c>"multitask": {"solution_ft": {"greedy": x, "reranked": x, ...}, "sequential": {...}, "mixed": {...}}</c>
/// (a "strategies" object inside is accepted too): the numeric fields of each strategy as grouped bars.
/// </summary>
public sealed class MultitaskSection : IReportSection
{
    public string Id => "multitask";
    public string Title => "Multi-task training: scores per strategy";

    public string? Render(RunData run)
    {
        var entry = run.Results["multitask"];
        if (entry.IsMissing) return null;
        if (!entry.IsObject) throw entry.Expected("an object");
        var scores = StrategyScores.Read(entry["strategies"].IsObject ? entry["strategies"] : entry, onlyStrategies: false, "greedy", "reranked", "maj_k", "accuracy");
        return scores.IsEmpty ? null : scores.Render("Scores per training strategy");
    }
}
