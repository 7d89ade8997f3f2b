using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Methods.Dmt;
using Sift.Pipelines;
using Sift.Runs;
using Sift.Training.Sft;
using Sift.Model;

namespace Sift.Tests.Methods.Dmt;

public sealed class DmtExperimentTests
{
    private static DmtSettings Tiny => new DmtOptions
    {
        Sources = [new MixtureSource("math"), new MixtureSource("code", null, 0.5), new MixtureSource("general")],
        K = 0.25,
        Epochs = null, // the shared SFT settings' epochs
        GeneralStageEpochs = 1,
        MaxNewTokens = 12,
    }.Resolve(
        seeds: [1],
        template: PromptTemplate.Plain,
        vocabSize: 300,
        model: new ModelShape { Hidden = 16, Layers = 1, Heads = 2, KeyValueHeads = 2, Intermediate = 32, Context = 160 },
        sft: new SftOptions { Epochs = 1, BatchSize = 8, LearningRate = 3e-3, CheckpointEvery = 0 },
        maxNewTokens: 100,
        sampleBatch: 16);

    // math and general, plus a renamed copy of general standing in for code (the code ability lives elsewhere).
    private static IReadOnlyList<AbilityTask> Abilities()
    {
        var math = BuiltInAbilities.Math(new AbilityOptions(3, 16, 6));
        var general = BuiltInAbilities.General(new AbilityOptions(4, 16, 6));
        var code = BuiltInAbilities.General(new AbilityOptions(5, 16, 6)) with { Name = "code" };
        return [math, code, general];
    }

    [Fact]
    public void Every_strategy_runs_identical_stages_are_shared_and_a_rerun_resumes_with_the_same_results()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("dmt");
        var run = RunDirectory.Open(dir);
        var results = DmtExperiment.Run(Tiny, Abilities(), run);

        Assert.Equal(["multi_task", "sequential", "mixed_sequential", "dmt"], results.Strategies.Select(s => s.Name));
        var seq = results[MixtureStrategy.Sequential]!.PerSeed[0].Stages;
        var mixed = results[MixtureStrategy.MixedSequential]!.PerSeed[0].Stages;
        var dmt = results[MixtureStrategy.Dmt]!.PerSeed[0].Stages;
        Assert.Equal(["math", "code", "general"], seq.Select(s => s.Stage));
        Assert.Equal([16, 8, 16], seq.Select(s => s.Examples));
        Assert.Equal(["math+code", "general"], mixed.Select(s => s.Stage));
        Assert.Equal(["math+code", "general+0.25·(math+code)"], dmt.Select(s => s.Stage));
        Assert.Equal(16 + 4 + 2, dmt[1].Examples);
        // Stage 1 of mixed sequential and DMT is one training; every other stage is its own.
        Assert.Equal(mixed[0].Key, dmt[0].Key);
        Assert.Equal(mixed[0].Scores, dmt[0].Scores);
        var keys = results.Strategies.SelectMany(s => s.PerSeed[0].Stages.Select(st => st.Key)).Distinct().ToArray();
        Assert.Equal(7, keys.Length);
        Assert.Equal(keys.Order(), Directory.GetDirectories(Path.Combine(dir, "seed-1", "stages")).Select(Path.GetFileName).Order());
        foreach (var key in keys)
        {
            Assert.True(SavedModel.IsComplete(Path.Combine(dir, "seed-1", "stages", key, "checkpoints", "final")), key);
        }
        foreach (var s in results.Strategies.SelectMany(s => s.PerSeed[0].Stages))
        {
            Assert.Equal(["math", "code", "general"], s.Scores.Keys);
            Assert.All(s.Scores.Values, v => Assert.InRange(v, 0, 1));
        }

        var json = JsonNode.Parse(File.ReadAllText(run.ResultsPath))!["dmt"]!.AsObject();
        Assert.Equal(0.25, json["k"]!.GetValue<double>());
        foreach (var name in MixtureStrategies.Names)
        {
            var s = json["strategies"]![name]!.AsObject();
            foreach (var ability in new[] { "math", "code", "general" }) Assert.InRange(s[ability]!.GetValue<double>(), 0, 1);
            Assert.Single(s["per_seed"]!.AsArray());
            Assert.Equal(s["general"]!.GetValue<double>(), s["stages"]!.AsArray()[^1]!["general"]!.GetValue<double>());
        }
        Assert.Equal(3, json["strategies"]!["sequential"]!["stages"]!.AsArray().Count);

        // Rerun in the same directory: nothing is retrained (final models untouched), the results are the same.
        var stamp = File.GetLastWriteTimeUtc(Path.Combine(dir, "seed-1", "stages", keys[0], "checkpoints", "final", "model.safetensors"));
        var again = DmtExperiment.Run(Tiny, Abilities(), run);
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(Path.Combine(dir, "seed-1", "stages", keys[0], "checkpoints", "final", "model.safetensors")));
        Assert.Equal(results.ToJson()["strategies"]!.ToJsonString(), again.ToJson()["strategies"]!.ToJsonString());
        Assert.Contains("dmt", results.ToTable(), StringComparison.Ordinal);

        // A fresh directory from the same seed: the same stages (keys) and the same scores.
        var fresh = DmtExperiment.Run(Tiny, Abilities(), RunDirectory.Open(Sift.Tests.Training.Sft.SftTestData.TempDir("dmt-fresh")));
        Assert.Equal(results.ToJson()["strategies"]!.ToJsonString(), fresh.ToJson()["strategies"]!.ToJsonString());
    }

    [Fact]
    public void A_source_without_an_ability_task_is_refused()
    {
        var options = Tiny with { Dmt = Tiny.Dmt with { Sources = [new MixtureSource("math"), new MixtureSource("chess"), new MixtureSource("general")] } };
        var run = RunDirectory.Open(Sift.Tests.Training.Sft.SftTestData.TempDir("dmt-bad"));
        Assert.Contains("source 'chess' has no ability task", Assert.Throws<ArgumentException>(() => DmtExperiment.Run(options, Abilities(), run)).Message);
    }

    [Fact]
    public void The_default_registry_builds_math_code_and_general_and_factories_can_be_replaced()
    {
        var registry = AbilityRegistry.Default();
        Assert.Equal(["math", "code", "general"], registry.Names);
        var tasks = registry.CreateAll(new DmtOptions { Sources = [new MixtureSource("math") { Train = 20, Test = 5 }, new MixtureSource("code") { Train = 10, Test = 3 }, new MixtureSource("general") { Train = 30, Test = 7 }] });
        Assert.Equal([20, 10, 30], tasks.Select(t => t.Train.Count));
        Assert.Equal([5, 3, 7], tasks.Select(t => t.Test.Count));
        Assert.IsType<Sift.Rewards.CodeTestReward>(tasks[1].Metric);
        registry.Register("code", o => BuiltInAbilities.General(o) with { Name = "code" });
        Assert.IsType<Sift.Rewards.InstructionFollowingReward>(registry.Create("code", new AbilityOptions(1, 4, 2)).Metric);
        registry.Register("chess", BuiltInAbilities.General);
        Assert.Throws<InvalidOperationException>(() => registry.Create("chess", new AbilityOptions(1, 4, 2)));
        Assert.Throws<ArgumentException>(() => registry.Create("go", new AbilityOptions(1, 4, 2)));
    }
}
