using System.Text;
using Sift.Reports.Charts;

namespace Sift.Reports.Sections;

/// <summary>
/// ReST-EM (Singh et al. 2023) accuracy per iteration from results.json
/// <c>"restem": {"sft_greedy", "iterations": [{"iteration", "test_greedy", "train_solved", "kept_samples", "validation_reward", ...}], "per_seed": [...]}</c>
/// (Sift.Methods.RestEm.RestEmResults; iteration 0 is the SFT model), or a results.json that is that object alone (`sift restem`).
/// Per-seed entries shaped like the object itself are drawn as dashed curves.
/// </summary>
public sealed class RestEmSection : IReportSection
{
    public string Id => "restem";
    public string Title => "ReST-EM: accuracy per iteration";

    public string? Render(RunData run)
    {
        var entry = ResultsEntry.Find(run.Results, "restem", "sft_greedy", "iterations");
        if (entry.IsMissing) return null;
        if (!entry.IsObject) throw entry.Expected("an object");
        var (test, solved, validation, table) = Read(entry);
        if (test.Count == 0) return null;
        var series = new List<ChartSeries> { new("test greedy accuracy", test, SeriesStyle.LineMarkers, 0) };
        if (solved.Count > 0) series.Add(new ChartSeries("training problems solved by the E-step", solved, SeriesStyle.LineMarkers, 1));
        if (validation.Count > 0) series.Add(new ChartSeries("validation reward", validation, SeriesStyle.LineMarkers, 2));
        foreach (var seed in entry["per_seed"].Items())
        {
            if (!seed.IsObject || seed["iterations"].IsMissing) continue;
            var (seedTest, _, _, _) = Read(seed);
            string name = seed["seed"].OptionalText() is { } s ? $"seed {s}: test greedy" : $"{seed.Path}: test greedy";
            if (seedTest.Count > 0) series.Add(new ChartSeries(name, seedTest, SeriesStyle.Dashed, 3 + series.Count));
        }
        var sb = new StringBuilder();
        var chart = new LineChart("ReST-EM accuracy per iteration (0 = the SFT model)", new AxisSpec("iteration"), AxisSpec.Percent("accuracy"), series);
        sb.Append(chart.ToSvg()).Append('\n');
        sb.Append(HtmlTable.Render(["iteration", "test greedy", "train solved", "kept samples", "validation reward"], table)).Append('\n');
        var notes = new List<string>();
        if (entry["best_iteration"].OptionalText() is { } best) notes.Add($"best iteration by validation reward: {best}");
        if (entry["stop_reason"].OptionalText() is { } stop) notes.Add($"stopped: {stop}");
        if (notes.Count > 0) sb.Append("<p class=\"meta\">").Append(Markup.Escape(string.Join("; ", notes))).Append("</p>\n");
        return sb.ToString();
    }

    private static (List<ChartPoint> Test, List<ChartPoint> Solved, List<ChartPoint> Validation, List<IReadOnlyList<string>> Table) Read(JsonField entry)
    {
        var test = new List<ChartPoint>();
        var solved = new List<ChartPoint>();
        var validation = new List<ChartPoint>();
        var table = new List<IReadOnlyList<string>>();
        if (entry["sft_greedy"].OptionalNumber() is { } sft)
        {
            test.Add(new ChartPoint(0, sft));
            double? v0 = entry["sft_validation_reward"].OptionalNumber();
            if (v0 is { } v) validation.Add(new ChartPoint(0, v));
            table.Add(["0 (SFT)", Markup.Percent(sft), "–", "–", Markup.Percent(v0)]);
        }
        foreach (var it in entry["iterations"].Items())
        {
            if (!it.IsObject) throw it.Expected("an object");
            double i = it["iteration"].Number();
            double? t = it["test_greedy"].OptionalNumber();
            double? s = it["train_solved"].OptionalNumber();
            double? v = it["validation_reward"].OptionalNumber();
            if (t is { } tv) test.Add(new ChartPoint(i, tv));
            if (s is { } sv) solved.Add(new ChartPoint(i, sv));
            if (v is { } vv) validation.Add(new ChartPoint(i, vv));
            table.Add([Markup.Number(i, 0), Markup.Percent(t), Markup.Percent(s), Markup.Number(it["kept_samples"].OptionalNumber(), 0), Markup.Percent(v)]);
        }
        return (test, solved, validation, table);
    }
}
