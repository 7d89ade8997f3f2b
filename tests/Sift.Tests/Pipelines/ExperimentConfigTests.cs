using Sift.Model;
using Sift.Pipelines;
using Sift.IO.Yaml;

namespace Sift.Tests.Pipelines;

public sealed class ExperimentConfigTests
{
    private static ExperimentOptions Parse(string yaml) => ExperimentConfig.Parse(yaml, "exp.yaml", "/base");

    [Fact]
    public void The_chat_template_is_a_choice_of_experiments_and_so_of_dmt()
    {
        var o = Parse("template: chat\n");
        Assert.Equal("chat", o.Template);
        Assert.NotNull(global::Sift.Data.PromptTemplate.ByName(o.Template).Chat);
    }

    [Fact]
    public void Fields_override_the_demo_defaults_and_paths_are_relative_to_the_config()
    {
        var o = Parse("""
            name: small
            seeds: [4, 5]
            data:
              train: data/train.jsonl
              test: data/test.jsonl
              synth: {max_steps: 2}
            model: {family: gpt2, hidden: 48, heads: 4}
            sft: {epochs: 2.5, lr: 0.001}
            rft: {k: 16, union: false, training: {epochs: 1}}
            eval: {k: 8}
            """);
        Assert.Equal("small", o.Name);
        Assert.Equal([4, 5], o.Seeds);
        Assert.Equal("/base/data/train.jsonl", o.Data.TrainPath);
        Assert.Equal(2, o.Data.Synth.MaxSteps);
        Assert.Equal(ModelFamily.Gpt2, o.Model.Family);
        Assert.Equal(48, o.Model.Hidden);
        Assert.Equal(ExperimentPresets.Demo().Model.Layers, o.Model.Layers);
        Assert.Equal(2.5, o.Sft.Epochs);
        Assert.Equal(16, o.Rft.K);
        Assert.False(o.Rft.Union);
        Assert.Equal(1, o.Rft.Training!.Epochs);
        Assert.Equal(0.001, o.Rft.Training.LearningRate); // unspecified fields come from the SFT settings (the preset has no separate RFT training)
        Assert.Equal(8, o.Eval.K);
    }

    [Theory]
    [InlineData("name: x\nsft:\n  epochs: 2\n  lr_typo: 3\n", "exp.yaml:4: sft.lr_typo: unknown field")]
    [InlineData("name: x\nrft:\n  k: many\n", "exp.yaml:3: rft.k: 'many' is not an integer")]
    [InlineData("seeds: [1, 2]\nmodel: {hidden: 0}\n", "exp.yaml:2: model.hidden: 0 is out of range")]
    [InlineData("eval:\n  greedy: maybe\n", "exp.yaml:2: eval.greedy: 'maybe' is not true or false")]
    [InlineData("template: fancy\n", "exp.yaml:1: template: 'fancy' is not one of plain, alpaca, chat")]
    [InlineData("name: [x\n", "exp.yaml:")]
    [InlineData("rerank:\n  evaluator: {objective: hinge}\n", "exp.yaml:2: rerank.evaluator.objective: 'hinge' is not one of label_ce, margin, both")]
    [InlineData("restem:\n  k: 0\n", "exp.yaml:2: restem.k: 0 is out of range")]
    [InlineData("model: {hidden: 50, heads: 4}\n", "exp.yaml:1: model.hidden (50) must be a multiple of model.heads (4)")]
    [InlineData("dmt:\n  enabled: true\n  k: 2\n", "exp.yaml:3: dmt.k: 2 is out of range [0, 1]")]
    [InlineData("dmt:\n  config: mix/dmt.yaml\n", "exp.yaml:2: dmt.config: unknown field")]
    [InlineData("dmt:\n  sources:\n    - {name: math}\n    - {name: chess}\n", "exp.yaml:4: dmt.sources[1].name: unknown ability 'chess'; known: math, code, general")]
    [InlineData("dmt:\n  sources:\n    - {name: math}\n", "exp.yaml:3: dmt.sources: the general source 'general' must be listed exactly once")]
    [InlineData("dmt:\n  strategies:\n    dmt: {epochs: [1]}\n", "exp.yaml:3: dmt.strategies.dmt.epochs: dmt has 2 stages")]
    public void Bad_configs_name_file_line_and_field(string yaml, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => Parse(yaml));
        Assert.StartsWith(expected, e.Message);
    }

    [Fact]
    public void The_resolved_yaml_loads_back_to_the_same_options()
    {
        var quick = ExperimentPresets.Quick([7, 8]);
        var o = quick with
        {
            ModelB = new ModelShape { Hidden = 32, Heads = 2 },
            Rft = quick.Rft with { Training = new() { Epochs = 4 } },
            Rerank = quick.Rerank with { N = 6, Evaluator = quick.Rerank.Evaluator with { Objective = Sift.Methods.Evaluator.EvaluatorObjective.Margin, Margin = 0.5 } },
            Multitask = quick.Multitask with { Generation = new() { MaxSteps = 9 } },
        };
        var back = ExperimentConfig.Parse(ExperimentConfig.ToYaml(o), "resolved.yaml", "/");
        Assert.Equal(ExperimentConfig.ToYaml(o), ExperimentConfig.ToYaml(back));
        Assert.Equal(o.Seeds, back.Seeds);
        Assert.Equal(o.Model, back.Model);
        Assert.Equal(o.ModelB, back.ModelB);
        Assert.Equal(o.Sft, back.Sft);
        Assert.Equal(o.Eval, back.Eval);
        Assert.Equal(o.Data.Synth, back.Data.Synth);
        Assert.Equal(o.RestEm, back.RestEm);
        Assert.Equal(o.Rerank, back.Rerank);
        Assert.Equal(o.Multitask.Generation, back.Multitask.Generation);
        Assert.Equal(o.Multitask.Evaluation, back.Multitask.Evaluation);
    }

    [Fact]
    public void The_shipped_configs_parse_and_demo_yaml_matches_the_demo_preset()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Sift.sln"))) dir = Path.GetDirectoryName(dir);
        Assert.NotNull(dir);
        var configs = Path.Combine(dir!, "configs");
        foreach (var file in Directory.GetFiles(configs, "*.yaml")) ExperimentConfig.Load(file);
        var demo = ExperimentConfig.Load(Path.Combine(configs, "demo.yaml"));
        Assert.Equal(ExperimentConfig.ToYaml(ExperimentPresets.Demo()), ExperimentConfig.ToYaml(demo));
    }

    [Fact]
    public void The_data_composition_study_runs_only_when_a_config_asks_for_it()
    {
        var root = Sift.IO.SharedData.RepositoryRoot()!;
        Assert.False(ExperimentConfig.Load(Path.Combine(root, "configs", "gsm8k-sft.yaml")).Dmt.Enabled);
        Assert.False(ExperimentConfig.Load(Path.Combine(root, "configs", "quick.yaml")).Dmt.Enabled);
        Assert.False(ExperimentConfig.Parse("", "empty.yaml", root).Dmt.Enabled);
        Assert.True(ExperimentConfig.Load(Path.Combine(root, "configs", "demo.yaml")).Dmt.Enabled);
        // Enabled alone, the study runs with the demo's settings.
        Sift.Tests.Support.RecordAssert.Equal(ExperimentPresets.Demo().Dmt, ExperimentConfig.Parse("dmt: {enabled: true}\n", "on.yaml", root).Dmt);
    }
}

