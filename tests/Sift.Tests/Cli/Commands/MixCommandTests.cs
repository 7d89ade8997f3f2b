using System.Text.Json.Nodes;

namespace Sift.Tests.Cli.Commands;

public sealed class MixCommandTests
{
    [Fact]
    public void Mix_with_a_bad_config_fails_before_creating_the_run()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("mix-cli");
        var path = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(path, "seeds: [1]\ndmt:\n  sources:\n    - {name: math}\n    - {name: poetry}\n");
        var code = Sift.Cli.CommandCatalog.BuildRoot().Parse(["mix", path, "--out", Path.Combine(dir, "run")]).Invoke();
        Assert.Equal(2, code);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }

    [Fact]
    public void Mix_runs_a_tiny_config_and_writes_the_dmt_table()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("mix-cli-run");
        var path = Path.Combine(dir, "tiny.yaml");
        File.WriteAllText(path, """
            seeds: [1]
            vocab_size: 300
            model: {hidden: 16, layers: 1, heads: 2, kv_heads: 2, intermediate: 32}
            sft: {batch_size: 8}
            dmt:
              epochs: 1
              general_stage_epochs: 1
              max_new_tokens: 8
              sources:
                - {name: math, train: 12, test: 4}
                - {name: general, train: 12, test: 4}
              strategies: [sequential, dmt]
            """);
        var code = Sift.Cli.CommandCatalog.BuildRoot().Parse(["mix", path, "--out", Path.Combine(dir, "run")]).Invoke();
        Assert.Equal(0, code);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run", "results.json")))!["dmt"]!;
        Assert.Equal(Sift.Methods.Dmt.MixturePlanner.DefaultK, json["k"]!.GetValue<double>());
        Assert.InRange(json["strategies"]!["dmt"]!["math"]!.GetValue<double>(), 0, 1);
        Assert.InRange(json["strategies"]!["sequential"]!["general"]!.GetValue<double>(), 0, 1);
        // The recorded config.yaml is the resolved config and loads back into `sift mix` with the same meaning.
        var known = Sift.Methods.Dmt.AbilityRegistry.Default().Names;
        var written = Sift.Pipelines.MixConfig.Load(Path.Combine(dir, "run", "config.yaml"), known);
        var given = Sift.Pipelines.MixConfig.Load(path, known);
        Sift.Tests.Support.RecordAssert.Equal(given, written);
        Sift.Tests.Support.RecordAssert.Equal(given.DmtSettings(), written.DmtSettings());
        // Running the recorded config again in the same directory is the same study: every stage is found done.
        Assert.Equal(0, Sift.Cli.CommandCatalog.BuildRoot().Parse(["mix", Path.Combine(dir, "run", "config.yaml"), "--out", Path.Combine(dir, "run")]).Invoke());
        Assert.Equal(json["strategies"]!.ToJsonString(), JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "run", "results.json")))!["dmt"]!["strategies"]!.ToJsonString());
    }
}
