using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Sift.Eval;

namespace Sift.Pipelines;

/// <summary>One row of the results table (a method, mean over seeds).</summary>
public sealed record ResultRow(string Method, int K, IReadOnlyList<SeedScore> PerSeed)
{
    public double Greedy => PerSeed.Count == 0 ? double.NaN : PerSeed.Average(s => s.Greedy);

    public double? MajK => PerSeed.Count == 0 || PerSeed.Any(s => s.MajK is null) ? null : PerSeed.Average(s => s.MajK!.Value);
}

/// <summary>Mean distinct paths and coverage at one k, over seeds (the RFT paper's "paths grow with k").</summary>
public sealed record PathGrowthRow(int K, double PathsPerProblem, double Coverage, double PassAtK, double UnionPathsPerProblem);

/// <summary>
/// What an experiment produced: the table (rows SFT, RFT k=…, RFT-union) and the RFT statistics.
/// <see cref="ToJson"/> writes the shape `sift demo` promises:
/// <c>{"rows": [{"method", "greedy", "maj_k", "k", "per_seed": [...]}], "seeds": [...], "test_problems": N}</c>,
/// fractions not percent, plus "rft_paths" and "seconds".
/// </summary>
public sealed record ExperimentResults(IReadOnlyList<ResultRow> Rows, IReadOnlyList<int> Seeds, int TestProblems, int RftK, IReadOnlyList<PathGrowthRow> PathGrowth, double Seconds)
{
    /// <summary>The later methods' results by results.json key ("restem", "rerank", "multitask", "dmt"): means over seeds with per_seed.</summary>
    public IReadOnlyDictionary<string, JsonObject> Sections { get; init; } = new Dictionary<string, JsonObject>();

    public JsonObject ToJson()
    {
        var rows = new JsonArray();
        foreach (var r in Rows)
        {
            var per = new JsonArray();
            foreach (var s in r.PerSeed)
            {
                per.Add(new JsonObject { ["seed"] = s.Seed, ["greedy"] = Round(s.Greedy), ["maj_k"] = s.MajK is { } m ? Round(m) : null });
            }
            rows.Add(new JsonObject { ["method"] = r.Method, ["greedy"] = Round(r.Greedy), ["maj_k"] = r.MajK is { } mk ? Round(mk) : null, ["k"] = r.K, ["per_seed"] = per });
        }
        var growth = new JsonArray();
        foreach (var g in PathGrowth)
        {
            growth.Add(new JsonObject
            {
                ["k"] = g.K,
                ["distinct_paths_per_problem"] = Round(g.PathsPerProblem),
                ["union_distinct_paths_per_problem"] = Round(g.UnionPathsPerProblem),
                ["coverage"] = Round(g.Coverage),
                ["pass_at_k"] = Round(g.PassAtK),
            });
        }
        var json = new JsonObject
        {
            ["rows"] = rows,
            ["seeds"] = new JsonArray(Seeds.Select(s => (JsonNode)s).ToArray()),
            ["test_problems"] = TestProblems,
            ["rft_paths"] = new JsonObject { ["k"] = RftK, ["growth"] = growth },
        };
        foreach (var (name, section) in Sections) json[name] = section.DeepClone();
        json["seconds"] = Math.Round(Seconds, 1);
        return json;
    }

    /// <summary>The table as text, shaped like the paper's (rows methods, columns greedy and maj1@k).</summary>
    public string ToTable()
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        int k = Rows.Count > 0 ? Rows[0].K : 0;
        sb.AppendLine(string.Format(inv, "{0,-18} {1,10} {2,10}   per seed (greedy)", "method", "greedy", $"maj1@{k}"));
        foreach (var r in Rows)
        {
            var per = string.Join(" ", r.PerSeed.Select(s => string.Format(inv, "{0:F1}", 100 * s.Greedy)));
            sb.AppendLine(string.Format(inv, "{0,-18} {1,9:F1}% {2,10}   {3}", r.Method, 100 * r.Greedy, r.MajK is { } m ? string.Format(inv, "{0:F1}%", 100 * m) : "-", per));
        }
        if (PathGrowth.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("RFT sampling on the training set, model A (mean over seeds): distinct new paths per problem (reference path excluded),");
            sb.AppendLine("the same for the union of A and B, problems with at least one new path, and unbiased pass@k:");
            sb.AppendLine(string.Format(inv, "{0,6} {1,12} {2,18} {3,14} {4,10}", "k", "paths/prob", "union paths/prob", "new-path cov.", "pass@k"));
            foreach (var g in PathGrowth)
            {
                sb.AppendLine(string.Format(inv, "{0,6} {1,12:F3} {2,18:F3} {3,13:F1}% {4,9:F1}%", g.K, g.PathsPerProblem, g.UnionPathsPerProblem, 100 * g.Coverage, 100 * g.PassAtK));
            }
        }
        if (Sections.TryGetValue("restem", out var restem)) AppendRestEm(sb, restem);
        if (Sections.TryGetValue("rerank", out var rerank)) AppendRerank(sb, rerank);
        if (Sections.TryGetValue("multitask", out var multitask)) AppendMultitask(sb, multitask);
        if (Sections.TryGetValue("dmt", out var dmt)) AppendDmt(sb, dmt);
        sb.AppendLine(string.Format(inv, "{0} test problems, seeds {1}, {2:F0} s", TestProblems, string.Join(",", Seeds), Seconds));
        return sb.ToString();
    }

    /// <summary>ReST-EM's curve: test greedy accuracy per iteration (0 = the SFT model), mean and per seed.</summary>
    private static void AppendRestEm(StringBuilder sb, JsonObject restem)
    {
        var inv = CultureInfo.InvariantCulture;
        var perSeed = restem["per_seed"]?.AsArray().OfType<JsonObject>().ToArray() ?? [];
        sb.AppendLine();
        sb.AppendLine("ReST-EM (E-step from the current model, M-step from the base model), test greedy accuracy:");
        sb.AppendLine(string.Format(inv, "{0,-10} {1,10} {2,14} {3,12}   per seed", "iteration", "greedy", "train solved", "kept"));
        string Seeds(Func<JsonObject, double?> pick) => string.Join(" ", perSeed.Select(p => pick(p) is { } v ? string.Format(inv, "{0:F1}", 100 * v) : "-"));
        sb.AppendLine(string.Format(inv, "{0,-10} {1,9:F1}% {2,14} {3,12}   {4}", "0 (SFT)", 100 * (restem["sft_greedy"]?.GetValue<double>() ?? double.NaN), "-", "-", Seeds(p => p["sft_greedy"]?.GetValue<double>())));
        foreach (var it in restem["iterations"]?.AsArray().OfType<JsonObject>() ?? [])
        {
            int i = (int)it["iteration"]!.GetValue<double>();
            sb.AppendLine(string.Format(inv, "{0,-10} {1,9:F1}% {2,13:F1}% {3,12:F0}   {4}", i, 100 * it["test_greedy"]!.GetValue<double>(), 100 * it["train_solved"]!.GetValue<double>(), it["kept_samples"]!.GetValue<double>(),
                Seeds(p => p["iterations"]?.AsArray().OfType<JsonObject>().FirstOrDefault(x => (int)x["iteration"]!.GetValue<double>() == i)?["test_greedy"]?.GetValue<double>())));
        }
    }

    /// <summary>Accuracy of each selection strategy against k (the evaluator's scores), mean over seeds, and the evaluator's quality.</summary>
    private static void AppendRerank(StringBuilder sb, JsonObject rerank)
    {
        var inv = CultureInfo.InvariantCulture;
        var ks = rerank["k"]?.AsArray().Select(k => (int)k!.GetValue<double>()).ToArray() ?? [];
        sb.AppendLine();
        sb.AppendLine(string.Format(inv, "Re-ranking n = {0} samples per test problem of SFT model A ({1} problems), accuracy against k:", ks.Length > 0 ? ks[^1] : 0, rerank["n_problems"]?.GetValue<double>() ?? 0));
        sb.Append(string.Format(inv, "{0,-24}", "strategy"));
        foreach (var k in ks) sb.Append(string.Format(inv, " {0,8}", "k=" + k));
        sb.AppendLine();
        foreach (var (name, curve) in rerank["strategies"]?.AsObject() ?? [])
        {
            sb.Append(string.Format(inv, "{0,-24}", name));
            foreach (var k in ks) sb.Append(curve?[k.ToString(inv)] is { } v ? string.Format(inv, " {0,7:F1}%", 100 * v.GetValue<double>()) : string.Format(inv, " {0,8}", "-"));
            sb.AppendLine();
        }
        if (rerank["evaluator"] is JsonObject e)
        {
            sb.AppendLine(string.Format(inv, "evaluator ({0}) on these samples: accuracy {1:F1}%, AUC {2:F3}, mean score correct {3:F3} vs incorrect {4:F3}",
                rerank["evaluator_objective"]?.GetValue<string>() ?? "?", 100 * Num(e, "accuracy"), Num(e, "auc"), Num(e, "mean_score_correct"), Num(e, "mean_score_incorrect")));
        }
    }

    /// <summary>Multi-task strategies: greedy accuracy and selection at the largest k, mean over seeds.</summary>
    private static void AppendMultitask(StringBuilder sb, JsonObject multitask)
    {
        var inv = CultureInfo.InvariantCulture;
        sb.AppendLine();
        sb.AppendLine("Multi-task fine-tuning (generation and evaluation), on the re-ranking test problems:");
        sb.AppendLine(string.Format(inv, "{0,-22} {1,8} {2,10} {3,10} {4,14} {5,8}", "strategy", "greedy", "majority", "best-of-n", "cluster rerank", "AUC"));
        foreach (var (name, node) in multitask)
        {
            if (name == "per_seed" || node is not JsonObject m) continue;
            sb.AppendLine(string.Format(inv, "{0,-22} {1,7:F1}% {2,9:F1}% {3,9:F1}% {4,13:F1}% {5,8:F3}", name, 100 * Num(m, "greedy"), 100 * Num(m, "majority"), 100 * Num(m, "best_of_n"), 100 * Num(m, "cluster_rerank"), Num(m, "evaluator_auc")));
        }
    }

    /// <summary>Data composition: each ability's final score per mixture strategy, mean over seeds.</summary>
    private static void AppendDmt(StringBuilder sb, JsonObject dmt)
    {
        var inv = CultureInfo.InvariantCulture;
        var abilities = dmt["abilities"]?.AsArray().Select(a => a!.GetValue<string>()).ToArray() ?? ["math", "code", "general"];
        sb.AppendLine();
        sb.AppendLine(string.Format(inv, "Data composition (k = {0}), final-stage scores:", Num(dmt, "k")));
        sb.Append(string.Format(inv, "{0,-18}", "strategy"));
        foreach (var a in abilities) sb.Append(string.Format(inv, " {0,9}", a));
        sb.AppendLine();
        foreach (var (name, node) in dmt["strategies"]?.AsObject() ?? [])
        {
            if (node is not JsonObject s) continue;
            sb.Append(string.Format(inv, "{0,-18}", name));
            foreach (var a in abilities) sb.Append(string.Format(inv, " {0,8:F1}%", 100 * Num(s, a)));
            sb.AppendLine();
        }
    }

    private static double Num(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<double>(out var d) ? d : double.NaN;

    private static double Round(double v) => double.IsNaN(v) ? v : Math.Round(v, 6);
}
