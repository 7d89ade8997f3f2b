using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Sift.Pipelines.Sweeps;

/// <summary>One finished trial.</summary>
public sealed record SweepTrialResult(SweepPoint Point, SweepTrialOutcome Outcome, double Seconds);

/// <summary>A grid point averaged over its seeds.</summary>
public sealed record SweepMean(SweepPoint Point, IReadOnlyList<int> Seeds, double Accuracy, double FinalLoss, double HeldOutLoss);

/// <summary>A fitted line: <see cref="Y"/> against <see cref="X"/> within <see cref="Group"/>.</summary>
/// <param name="X">"amount" (log-linear: ln of it), "final_loss" or "held_out_loss".</param>
/// <param name="Y">"accuracy".</param>
/// <param name="Kind">"log_linear" or "linear".</param>
/// <param name="Group">What the fitted points share ("model=m", "fraction=1/32", …; "all": every point).</param>
/// <param name="Fit">The coefficients and R².</param>
public sealed record SweepFit(string X, string Y, string Kind, string Group, LinearFit Fit)
{
    /// <summary>"accuracy = a + b·ln(n), R² = r" or "accuracy = a + b·final_loss, R² = r".</summary>
    public string Describe() => Fit.Describe(Y, Kind == "log_linear" ? "ln(n)" : X) + $"   [{Group}, {Fit.Points} points]";
}

/// <summary>
/// A sweep's trials, their means over seeds and the fits: accuracy = a + b·ln(amount) per model (and
/// k) over the data fractions, and accuracy = a + b·final_loss per fraction (and k) across model
/// sizes (the RFT paper's finding that accuracy tracks the model's loss; our models are trained from
/// scratch, so the SFT training loss stands in for the pre-training loss). Fits use the seed means.
/// </summary>
public sealed record SweepResults(string Axis, string Trial, int TrainProblems, int TestProblems, IReadOnlyList<SweepTrialResult> Points, IReadOnlyList<SweepMean> Means, IReadOnlyList<SweepFit> Fits, double Seconds)
{
    /// <summary>Averages seeds and fits the lines.</summary>
    public static SweepResults Build(SweepOptions options, int trainProblems, int testProblems, IReadOnlyList<SweepTrialResult> points, double seconds)
    {
        var means = points.GroupBy(p => p.Point.GroupKey, StringComparer.Ordinal)
            .Select(g => new SweepMean(g.First().Point, g.Select(p => p.Point.Seed).ToArray(),
                g.Average(p => p.Outcome.Accuracy), MeanFinite(g.Select(p => p.Outcome.FinalLoss)), MeanFinite(g.Select(p => p.Outcome.HeldOutLoss))))
            .ToArray();
        var fits = new List<SweepFit>();
        static string KPart(SweepPoint p) => p.RftK is { } k ? $",k={k}" : p.MixK is { } m ? $",mix_k={m.ToString("R", CultureInfo.InvariantCulture)}" : "";
        if (means.Select(m => m.Point.Amount).Distinct().Count() >= 2)
        {
            foreach (var g in means.GroupBy(m => "model=" + m.Point.Model.Name + KPart(m.Point), StringComparer.Ordinal))
            {
                var rows = g.ToArray();
                fits.Add(new SweepFit("amount", "accuracy", "log_linear", g.Key, LogLinearFit.Fit(rows.Select(r => (double)r.Point.Amount).ToArray(), rows.Select(r => r.Accuracy).ToArray())));
            }
        }
        if (means.Select(m => m.Point.Model.Name).Distinct().Count() >= 2)
        {
            // Across model sizes at each fraction (the paper's comparison), then over every point
            // ("all"); against the final training loss (the brief's stand-in for pre-training loss)
            // and the held-out loss (which, unlike the training loss, does not reward memorising a
            // small set).
            foreach (var (x, loss) in new (string, Func<SweepMean, double>)[] { ("final_loss", m => m.FinalLoss), ("held_out_loss", m => m.HeldOutLoss) })
            {
                var groups = means.GroupBy(m => "fraction=" + m.Point.Fraction.Label + KPart(m.Point), StringComparer.Ordinal).Select(g => (g.Key, Rows: g.ToArray())).ToList();
                if (groups.Count > 1) groups.Add(("all", means));
                foreach (var (group, all) in groups)
                {
                    var rows = all.Where(r => double.IsFinite(loss(r))).ToArray();
                    fits.Add(new SweepFit(x, "accuracy", "linear", group, LinearFit.Fit(rows.Select(loss).ToArray(), rows.Select(r => r.Accuracy).ToArray())));
                }
            }
        }
        string axis = "data_fraction";
        if (options.Fractions.Count < 2)
        {
            if (options.ModelsOrBase.Count >= 2) axis = "model";
            else if (options.RftKs is { Count: >= 2 }) axis = "rft_k";
            else if (options.MixKs is { Count: >= 2 }) axis = "mix_k";
            else if (options.Seeds.Count >= 2) axis = "seed";
        }
        return new SweepResults(axis, options.Trial, trainProblems, testProblems, points, means, fits, seconds);
    }

    private static double MeanFinite(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        return finite.Length == 0 ? double.NaN : finite.Average();
    }

    /// <summary>
    /// <c>{"sweep": {"axis", "trial", "train_problems", "test_problems", "points": [...], "means": [...], "fits": [...], "seconds"}}</c>
    /// (docs/sweep.md describes every field; NaN is written as null).
    /// </summary>
    public JsonObject ToJson()
    {
        static JsonNode? F(double v) => SweepTraining.Finite(v);
        JsonObject PointJson(SweepPoint p) => new()
        {
            ["name"] = p.Name,
            ["fraction"] = p.Fraction.Value,
            ["amount"] = p.Amount,
            ["model"] = p.Model.Name,
            ["k"] = p.K is { } k ? JsonValue.Create(k) : null,
            ["seed"] = p.Seed,
        };
        var points = new JsonArray();
        foreach (var r in Points)
        {
            var o = PointJson(r.Point);
            o["accuracy"] = F(r.Outcome.Accuracy);
            o["final_loss"] = F(r.Outcome.FinalLoss);
            o["held_out_loss"] = F(r.Outcome.HeldOutLoss);
            o["seconds"] = Math.Round(r.Seconds, 1);
            if (r.Outcome.Details is { } d) o["details"] = d.DeepClone();
            points.Add(o);
        }
        var means = new JsonArray();
        foreach (var m in Means)
        {
            var o = PointJson(m.Point);
            o["name"] = m.Point.Name[..m.Point.Name.LastIndexOf("-seed-", StringComparison.Ordinal)];
            o.Remove("seed");
            o["seeds"] = new JsonArray(m.Seeds.Select(s => (JsonNode)s).ToArray());
            o["accuracy"] = F(m.Accuracy);
            o["final_loss"] = F(m.FinalLoss);
            o["held_out_loss"] = F(m.HeldOutLoss);
            means.Add(o);
        }
        var fits = new JsonArray();
        foreach (var f in Fits)
        {
            var o = new JsonObject
            {
                ["x"] = f.X,
                ["y"] = f.Y,
                ["kind"] = f.Kind,
                ["a"] = F(f.Fit.A),
                ["b"] = F(f.Fit.B),
                ["r2"] = F(f.Fit.R2),
                ["n"] = f.Fit.Points,
                ["group"] = f.Group,
            };
            if (f.Fit.Note is { } note) o["note"] = note;
            fits.Add(o);
        }
        return new JsonObject
        {
            ["sweep"] = new JsonObject
            {
                ["axis"] = Axis,
                ["trial"] = Trial,
                ["train_problems"] = TrainProblems,
                ["test_problems"] = TestProblems,
                ["points"] = points,
                ["means"] = means,
                ["fits"] = fits,
                ["seconds"] = Math.Round(Seconds, 1),
            },
        };
    }

    /// <summary>The points as a table, then one line per fit.</summary>
    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(string.Format(inv, "{0,-10} {1,7} {2,-8} {3,8} {4,6} {5,9} {6,10} {7,9} {8,8}", "fraction", "amount", "model", "k", "seed", "accuracy", "final_loss", "held_out", "seconds"));
        foreach (var r in Points)
        {
            var p = r.Point;
            sb.AppendLine(string.Format(inv, "{0,-10} {1,7} {2,-8} {3,8} {4,6} {5,8:F1}% {6,10:F4} {7,9:F4} {8,8:F0}",
                p.Fraction.Label, p.Amount, p.Model.Name, p.K is { } k ? k.ToString("G", inv) : "-", p.Seed, 100 * r.Outcome.Accuracy, r.Outcome.FinalLoss, r.Outcome.HeldOutLoss, r.Seconds));
        }
        if (Means.Count < Points.Count)
        {
            sb.AppendLine();
            sb.AppendLine("mean over seeds:");
            foreach (var m in Means)
            {
                sb.AppendLine(string.Format(inv, "{0,-10} {1,7} {2,-8} {3,8} {4,6} {5,8:F1}% {6,10:F4} {7,9:F4}",
                    m.Point.Fraction.Label, m.Point.Amount, m.Point.Model.Name, m.Point.K is { } k ? k.ToString("G", inv) : "-", m.Seeds.Count, 100 * m.Accuracy, m.FinalLoss, m.HeldOutLoss));
            }
        }
        sb.AppendLine();
        if (Fits.Count == 0) sb.AppendLine("no fits (the sweep needs at least 2 data fractions or 2 model sizes)");
        foreach (var f in Fits) sb.AppendLine(f.Describe());
        sb.AppendLine(string.Format(inv, "{0} trials ({1} {2}), {3} training / {4} test problems, {5:F0} s", Points.Count, Trial, Axis, TrainProblems, TestProblems, Seconds));
        return sb.ToString();
    }
}
