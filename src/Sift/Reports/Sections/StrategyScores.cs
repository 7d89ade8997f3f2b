using System.Text;
using Sift.Reports.Charts;

namespace Sift.Reports.Sections;

/// <summary>
/// The scores of several training strategies, each an object of named numbers
/// (<c>{"sequential": {"math": x, "code": x, "general": x, "per_seed": [...]}, ...}</c>): read tolerantly
/// (non-numeric fields other than per_seed are ignored), drawn as grouped bars of the fields that are
/// fractions (categories: strategies), and tabled with every numeric field.
/// </summary>
internal sealed class StrategyScores
{
    private readonly List<(string Strategy, Dictionary<string, double> Scores, string PerSeed)> _rows = [];
    private readonly List<string> _fields = [];

    public bool IsEmpty => _fields.Count == 0;

    /// <summary>
    /// Reads the object-valued properties of <paramref name="strategies"/> as strategies (with
    /// <paramref name="onlyStrategies"/>, any other property is an error). The <paramref name="scoreFields"/>
    /// must be numbers (or null) where present; other non-numeric fields are ignored.
    /// </summary>
    public static StrategyScores Read(JsonField strategies, bool onlyStrategies, params string[] scoreFields)
    {
        var result = new StrategyScores();
        foreach (var (name, value) in strategies.Properties())
        {
            if (!value.IsObject)
            {
                if (onlyStrategies) throw value.Expected("an object of scores");
                continue;
            }
            var scores = new Dictionary<string, double>(StringComparer.Ordinal);
            foreach (var (field, v) in value.Properties())
            {
                if (scoreFields.Contains(field)) _ = v.OptionalNumber(); // throws, naming the field, when it is not a number
                if (!v.IsNumber) continue;
                scores[field] = v.Number();
                if (!result._fields.Contains(field)) result._fields.Add(field);
            }
            result._rows.Add((name, scores, PerSeed(value["per_seed"])));
        }
        return result;
    }

    /// <summary>Grouped bars of the fraction-valued fields, then the table.</summary>
    public string Render(string chartTitle)
    {
        var sb = new StringBuilder();
        var fractions = _fields.Where(f => _rows.All(r => !r.Scores.TryGetValue(f, out var v) || v is >= 0 and <= 1)).ToList();
        if (fractions.Count > 0)
        {
            var series = fractions.Select(f => new BarSeries(f, _rows.Select(r => r.Scores.TryGetValue(f, out var v) ? v : (double?)null).ToList())).ToList();
            var chart = new BarChart(chartTitle, _rows.Select(r => r.Strategy).ToList(), AxisSpec.Percent("score", includeZero: true), series);
            if (chart.HasData) sb.Append(chart.ToSvg()).Append('\n');
        }
        bool anyPerSeed = _rows.Any(r => r.PerSeed.Length > 0);
        var headers = new List<string> { "strategy" };
        headers.AddRange(_fields);
        if (anyPerSeed) headers.Add("per seed");
        var rows = _rows.Select(r =>
        {
            var cells = new List<string> { r.Strategy };
            cells.AddRange(_fields.Select(f => r.Scores.TryGetValue(f, out var v) ? (fractions.Contains(f) ? Markup.Percent(v) : Markup.Number(v)) : "–"));
            if (anyPerSeed) cells.Add(r.PerSeed);
            return (IReadOnlyList<string>)cells;
        });
        sb.Append(HtmlTable.Render(headers, rows)).Append('\n');
        return sb.ToString();
    }

    // "seed 1: math 33.0%, code 20.0%; seed 2: ...": each per-seed object's numbers, fractions as percent.
    private static string PerSeed(JsonField perSeed)
    {
        var parts = new List<string>();
        foreach (var seed in perSeed.Items())
        {
            if (!seed.IsObject) continue;
            var values = seed.Properties().Where(p => p.Key != "seed" && p.Value.IsNumber)
                .Select(p => $"{p.Key} {(p.Value.Number() is >= 0 and <= 1 and var v ? Markup.Percent(v) : Markup.Number(p.Value.Number()))}");
            parts.Add($"seed {seed["seed"].OptionalText() ?? "?"}: {string.Join(", ", values)}");
        }
        return string.Join("; ", parts);
    }
}
