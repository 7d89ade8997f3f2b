using System.Text.RegularExpressions;
using Sift.Reports;

namespace Sift.Tests.Reports;

public sealed class ReportBuilderTests
{
    private static int Count(string html, string what) => Regex.Count(html, Regex.Escape(what));

    [Fact]
    public void A_full_run_gets_every_section_with_its_charts()
    {
        using var fx = new ReportFixture().WithEverything();
        var html = ReportBuilder.Build([fx.Run]);
        foreach (var id in new[] { "results", "rft-paths", "restem", "rerank", "multitask", "dmt", "sweep", "loss", "settings" })
        {
            Assert.Contains($"id=\"run-1-{id}\"", html);
        }
        // results bars, rft paths, restem, rerank, multitask, dmt, sweep (amount, final_loss), loss (sft-a, rft)
        Assert.Equal(10, Count(html, "<svg "));
        Assert.Equal(Count(html, "<svg "), Count(html, "</svg>"));
        Assert.Contains("seed-1", html);
        Assert.Contains("fit: -0.17 + 0.061·ln(amount), R² = 0.994", html);
        Assert.Contains("fit: 0.3 − 0.13·final_loss, R² = 0.97", html);
        Assert.Contains("weighted_cluster_rerank", html);
        Assert.Contains("mixed_sequential", html);
        Assert.Contains("<td>sequential</td><td class=\"num\">math+code</td><td class=\"num\">2000</td><td class=\"num\">8</td><td class=\"num\">31.0%</td>", html);
        Assert.Contains("35.6%", html); // RFT-union greedy as percent
        Assert.Contains("epochs: 10", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.DoesNotContain("NaN", html);
    }

    [Fact]
    public void The_same_runs_give_the_same_bytes()
    {
        using var fx = new ReportFixture().WithEverything();
        Assert.Equal(ReportBuilder.Build([fx.Run]), ReportBuilder.Build([fx.Run]));
    }

    [Fact]
    public void Absent_data_skips_sections_silently()
    {
        using var fx = new ReportFixture();
        var html = ReportBuilder.Build([fx.Run]);
        Assert.DoesNotContain("<svg", html);
        Assert.Contains("has no results.json", html);

        fx.Write("results.json", """{"rerank": {"k": [1, 2], "n_problems": 3, "strategies": {"majority": {"1": 0.5, "2": 0.6}}}}""");
        html = ReportBuilder.Build([fx.Run]);
        Assert.Contains("id=\"run-1-rerank\"", html);
        Assert.DoesNotContain("id=\"run-1-results\"", html);
        Assert.DoesNotContain("id=\"run-1-dmt\"", html);
        Assert.DoesNotContain("id=\"run-1-loss\"", html);
        Assert.Equal(1, Count(html, "<svg "));
    }

    [Fact]
    public void A_results_file_that_is_one_methods_object_is_recognised()
    {
        using var fx = new ReportFixture();
        fx.Write("results.json", """{"sft_greedy": 0.3, "sft_validation_reward": null, "iterations": [{"iteration": 1, "test_greedy": 0.34, "train_solved": 0.5, "kept_samples": 10}], "best_iteration": null, "stop_reason": null}""");
        Assert.Contains("id=\"run-1-restem\"", ReportBuilder.Build([fx.Run]));
        fx.Write("results.json", """{"n_problems": 4, "strategies": {"majority": {"1": 0.25, "2": 0.5}}}""");
        Assert.Contains("id=\"run-1-rerank\"", ReportBuilder.Build([fx.Run]));
    }

    [Fact]
    public void Run_names_and_json_strings_cannot_inject_markup()
    {
        using var fx = new ReportFixture("<script>alert(1)</script>");
        fx.Write("results.json", """
            {"rows": [{"method": "<img src=x onerror=alert(1)>", "greedy": 0.5, "maj_k": null, "k": 4, "per_seed": []}],
             "rerank": {"strategies": {"<b>\"x'": {"1": 0.5}}}}
            """);
        fx.Write("config.yaml", "name: \"</pre><script>alert(2)</script>\"\n");
        var html = ReportBuilder.Build([fx.Run]);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("<b>", html);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
    }

    [Fact]
    public void Malformed_sections_name_the_file_and_field()
    {
        using var fx = new ReportFixture();
        fx.Write("results.json", """{"rerank": {"strategies": {"majority": {"1": "high"}}}}""");
        var e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains(fx.File("results.json"), e.Message);
        Assert.Contains("rerank.strategies.majority.1", e.Message);
        Assert.Contains("a string", e.Message);

        fx.Write("results.json", """{"dmt": {"k": 0.0625, "strategies": [1, 2]}}""");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("dmt.strategies", e.Message);
        Assert.Contains("an array", e.Message);

        fx.Write("results.json", """{"dmt": {"strategies": {"dmt": {"math": "high", "code": 0.1}}}}""");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("dmt.strategies.dmt.math", e.Message);

        fx.Write("results.json", """{"dmt": {"strategies": {"dmt": 0.3}}}""");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("dmt.strategies.dmt", e.Message);

        fx.Write("results.json", """{"multitask": {"mixed": {"greedy": [0.3]}}}""");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("multitask.mixed.greedy", e.Message);

        fx.Write("results.json", """{"sweep": {"points": [{"amount": 10, "accuracy": 0.1}], "fits": [{"x": "amount", "kind": "log_linear", "a": "zero", "b": 1}]}}""");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("sweep.fits[0].a", e.Message);

        fx.Write("results.json", """{"restem": {"sft_greedy": 0.3, "iterations": [{"test_greedy": 0.3}]}}""");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("restem.iterations[0].iteration", e.Message);

        fx.Write("results.json", "{\"rows\": [");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("not valid JSON", e.Message);

        fx.Write("results.json", "[1, 2]");
        e = Assert.Throws<InvalidDataException>(() => ReportBuilder.Build([fx.Run]));
        Assert.Contains("the top level is an array", e.Message);
    }

    [Fact]
    public void A_missing_run_directory_is_an_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), "sift-no-such-run-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DirectoryNotFoundException>(() => ReportBuilder.Build([missing]));
        Assert.Contains(missing, e.Message);
    }

    [Fact]
    public void Several_runs_each_get_their_sections_and_distinct_labels()
    {
        using var a = new ReportFixture("same").WithEverything();
        using var b = new ReportFixture("same");
        b.Write("results.json", """{"rerank": {"strategies": {"majority": {"1": 0.5, "4": 0.6}}}}""");
        var html = ReportBuilder.Build([a.Run, b.Run]);
        Assert.Contains("id=\"run-2-rerank\"", html);
        Assert.Contains("id=\"run-1-dmt\"", html);
        Assert.Contains(Markup.Escape(Path.GetFullPath(a.Run)), html); // duplicate folder names: labelled by full path
        Assert.Equal(["x", "y"], ReportBuilder.Labels(["/tmp/a/x", "/tmp/b/y/"]));
    }

    [Fact]
    public void The_writer_writes_the_report_atomically_to_the_default_path()
    {
        using var fx = new ReportFixture().WithEverything();
        var path = ReportWriter.Write([fx.Run], ReportWriter.DefaultOutputPath([fx.Run]));
        Assert.Equal(Path.GetFullPath(fx.File("report.html")), path);
        Assert.Equal(ReportBuilder.Build([fx.Run]), File.ReadAllText(path));
        Assert.Empty(Directory.GetFiles(fx.Run, "*.tmp*"));
    }

    [Fact]
    public void The_report_command_writes_the_file_and_fails_cleanly_on_bad_input()
    {
        using var fx = new ReportFixture().WithEverything();
        var root = Sift.Cli.CommandCatalog.BuildRoot();
        var outPath = Path.Combine(fx.Root, "out", "r.html");
        Assert.Equal(0, root.Parse(["report", fx.Run, "--out", outPath]).Invoke());
        Assert.True(File.Exists(outPath));
        Assert.Equal(0, root.Parse(["report", fx.Run]).Invoke());
        Assert.True(File.Exists(fx.File("report.html")));

        fx.Write("results.json", """{"rows": 3}""");
        Assert.Equal(1, root.Parse(["report", fx.Run]).Invoke());
        Assert.NotEqual(0, root.Parse(["report"]).Invoke());
    }
}
