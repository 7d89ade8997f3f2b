using Sift.Methods.Multitask;
using Sift.Methods.RestEm;
using Sift.Methods.Rft;
using Sift.Cli.Commands;
using Sift.Data.Synthetic;
using Sift.Eval;
using Sift.Methods.Dmt;
using Sift.Methods.Evaluator;
using Sift.Model;
using Sift.Pipelines;
using Sift.Pipelines.Sweeps;
using Sift.Runs;
using Sift.Tests.Support;
using Sift.Training.Sft;

namespace Sift.Tests.Configs;

/// <summary>Every config a command writes loads back into that command with the same meaning: options → YAML → equal options.</summary>
public sealed class ConfigRoundTripTests
{
    private static SftOptions Sft(int i) => new()
    {
        Epochs = 1.25 + i, MaxSteps = 7 + i, BatchSize = 5 + i, BucketWindow = 3 + i, LearningRate = 2.5e-4 + i * 1e-5, MinLearningRateRatio = 0.33 + i * 0.01,
        WarmupFraction = 0.07 + i * 0.01, WeightDecay = 0.02 + i * 0.01, MaxGradNorm = 0.3f + i, CheckpointEvery = 11 + i, EvalEvery = 13 + i, LogEvery = 17 + i,
    };

    /// <summary>An experiment with a non-default value in every field, optional sections included.</summary>
    public static ExperimentOptions Experiment() => new()
    {
        Name = "all \"fields\" \\ set",
        Seeds = [9, -2, 4],
        Template = "alpaca",
        VocabSize = 500,
        TokenizerPath = "/abs/tok.json",
        SampleBatch = 7,
        MaxNewTokens = 33,
        Data = new DataOptions
        {
            TrainPath = "/abs/train.jsonl", TestPath = "/abs/test.jsonl", Fields = "gsm8k", SkipInvalid = true, TrainLimit = 12, TestLimit = 13,
            SynthTrain = 101, SynthTest = 102, Synth = new SynthOptions { MinSteps = 2, MaxSteps = 3, MaxNumber = 11, MaxResult = 77, Seed = -5 },
        },
        Model = new ModelShape { Family = ModelFamily.Gpt2, Hidden = 40, Layers = 2, Heads = 5, KeyValueHeads = 1, Intermediate = 70, Context = 99, TieEmbeddings = false },
        ModelB = new ModelShape { Family = ModelFamily.Gpt2, Hidden = 36, Layers = 5, Heads = 6, KeyValueHeads = 3, Intermediate = 50, Context = 88, TieEmbeddings = false },
        Sft = Sft(0),
        Rft = new RftOptions { Enabled = false, K = 3, Temperature = 0.3f, Union = false, CheckAnnotations = false, Training = Sft(1) },
        RestEm = new RestEmOptions { Enabled = false, Iterations = 5, K = 6, Temperature = 1.1f, TopK = 9, MaxPerProblem = 4, ContinueFromPrevious = true, Training = Sft(2) },
        Rerank = new RerankOptions
        {
            Enabled = false, N = 3, TestProblems = 44, Data = new EvaluatorDataOptions { MaxPerClass = 2 },
            Evaluator = new EvaluatorTrainOptions { Objective = EvaluatorObjective.Margin, Margin = 0.25, PairsPerStep = 3, Epochs = 1.5, MaxSteps = 21, LearningRate = 3e-4, MinLearningRateRatio = 0.2, WarmupFraction = 0.1, WeightDecay = 0.01, MaxGradNorm = 2.5f },
        },
        Multitask = new MultitaskOptions { Enabled = false, Generation = Sft(3), Evaluation = Sft(4) },
        Dmt = Dmt(),
        Eval = new EvalOptions { Greedy = false }.WithK(6).WithDecoding(d => d with { Temperature = 0.123456789f, TopK = 5 }),
    };

    [Fact]
    public void Experiment_options_round_trip_with_every_field_set()
    {
        var o = Experiment();
        var yaml = ExperimentConfig.ToYaml(o);
        RecordAssert.EveryFieldDiffers(ExperimentConfig.ToYaml(ExperimentPresets.Demo()), yaml);
        RecordAssert.Equal(o, ExperimentConfig.Parse(yaml, "exp.yaml", "/elsewhere"));
        Assert.Equal(yaml, ExperimentConfig.ToYaml(ExperimentConfig.Parse(yaml, "exp.yaml", "/")));
    }

    [Fact]
    public void Unset_optional_sections_round_trip_as_null_where_the_default_has_one()
    {
        var demo = ExperimentPresets.Demo();
        var o = demo with { ModelB = null, RestEm = demo.RestEm with { Training = null }, Multitask = demo.Multitask with { Generation = null } };
        var yaml = ExperimentConfig.ToYaml(o);
        Assert.Contains("model_b: null", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain("tokenizer", yaml, StringComparison.Ordinal); // unset, and unset by default: not written
        RecordAssert.Equal(o, ExperimentConfig.Parse(yaml, "exp.yaml", "/"));
        RecordAssert.Equal(demo, ExperimentConfig.Parse(ExperimentConfig.ToYaml(demo), "exp.yaml", "/"));
    }

    /// <summary>DMT's own options with a non-default value in every field (the experiment's <c>dmt</c> section and a mix config's).</summary>
    public static DmtOptions Dmt() => new()
    {
        Enabled = false,
        DataSeed = -3,
        K = 0.3,
        GeneralSource = "code",
        Epochs = 2.5,
        GeneralStageEpochs = 1.75,
        MaxNewTokens = 21,
        Sources = [new MixtureSource("general", 5) { Train = 20, Test = 3 }, new MixtureSource("math", null, 0.25) { Train = 30, Test = 4 }, new MixtureSource("code") { Train = 40, Test = 0 }],
        Strategies = [new StrategyPlan(MixtureStrategy.Dmt, [1.5, 2.5]), new StrategyPlan(MixtureStrategy.Sequential, [1, 2, 3]), new StrategyPlan(MixtureStrategy.MixedSequential, [0.5, 4]), new StrategyPlan(MixtureStrategy.MultiTask, [3])],
    };

    /// <summary>A `sift mix` config with a non-default value in every field it has (the rest are the defaults': a mix config cannot set them).</summary>
    public static ExperimentOptions Mix() => MixConfig.Defaults with
    {
        Name = "mix-all",
        Seeds = [5, 6],
        Template = "alpaca",
        VocabSize = 400,
        SampleBatch = 9,
        MaxNewTokens = 23,
        Model = new ModelShape { Family = ModelFamily.Gpt2, Hidden = 24, Layers = 1, Heads = 3, KeyValueHeads = 1, Intermediate = 40, Context = 64, TieEmbeddings = false },
        Sft = MixConfig.Defaults.Sft with { Epochs = 2.25, BatchSize = 3, BucketWindow = 2, LearningRate = 4e-4, MinLearningRateRatio = 0.5, WarmupFraction = 0.2, WeightDecay = 0.3, MaxGradNorm = 0.7f, CheckpointEvery = 9 },
        Dmt = Dmt() with { Enabled = true }, // `sift mix` always runs the study: no enabled field
    };

    [Fact]
    public void Mix_options_round_trip_with_every_field_set()
    {
        var o = Mix();
        var yaml = MixConfig.ToYaml(o);
        RecordAssert.EveryFieldDiffers(MixConfig.ToYaml(MixConfig.Defaults), yaml);
        RecordAssert.Equal(o, MixConfig.Parse(yaml, "mix.yaml", AbilityRegistry.Default().Names));
        Assert.DoesNotContain("enabled", yaml, StringComparison.Ordinal);
        var unset = o with { Dmt = o.Dmt with { Epochs = null, GeneralStageEpochs = null, MaxNewTokens = null, Strategies = [new StrategyPlan(MixtureStrategy.Sequential), new StrategyPlan(MixtureStrategy.Dmt)] } };
        var back = MixConfig.Parse(MixConfig.ToYaml(unset), "mix.yaml");
        RecordAssert.Equal(unset, back);
        // Unset, DMT's overrides fall back to the shared fields.
        Assert.Equal(2.25, back.DmtSettings().Sft.Epochs);
        Assert.Equal(23, back.DmtSettings().MaxNewTokens);
    }

    public static SweepOptions Sweep()
    {
        var experiment = Experiment();
        return new SweepOptions
        {
            Name = "sweep-all",
            Trial = "rft",
            Experiment = experiment,
            Budget = SweepBudget.Steps,
            HeldOut = 12,
            Fractions = [new SweepFraction(1.0 / 32, "1/32"), new SweepFraction(0.5, "0.5")],
            Models = [SweepModel.BuiltIn("xs", experiment.Model)!, new SweepModel("wide", experiment.Model with { Hidden = 80, Heads = 8, KeyValueHeads = 2 })],
            RftKs = [1, 3],
            Seeds = [4, 2],
        };
    }

    [Fact]
    public void Sweep_options_round_trip_with_every_field_set_and_the_experiment_embedded()
    {
        var o = Sweep();
        var yaml = SweepConfig.ToYaml(o);
        RecordAssert.EveryFieldDiffers(SweepConfig.ToYaml(new SweepOptions()), yaml);
        RecordAssert.Equal(o, SweepConfig.Parse(yaml, "sweep.yaml", "/"));
        var dmt = o with { Trial = "dmt", RftKs = null, MixKs = [0.125, 0.5] };
        RecordAssert.Equal(dmt, SweepConfig.Parse(SweepConfig.ToYaml(dmt), "sweep.yaml", "/"));
    }

    [Fact]
    public void Train_sft_config_round_trips_with_every_field_set()
    {
        var c = new SftRunConfig
        {
            Data = "/abs/train.jsonl", EvalData = "/abs/test.jsonl", EvalLimit = 3, Fields = "math", SkipInvalid = true, Template = "chat", SystemPrompt = "Be brief.", BoxedInstruction = true,
            BaseModel = "/abs/model", Tokenizer = "/abs/tok.json", VocabSize = 290, Seed = 42,
            Model = new ModelShape { Family = ModelFamily.Gpt2, Hidden = 24, Layers = 1, Heads = 3, KeyValueHeads = 1, Intermediate = 40, Context = 64, TieEmbeddings = false },
            Sft = Sft(0) with { Seed = 42 },
        };
        var yaml = SftRunConfigYaml.ToYaml(c);
        RecordAssert.EveryFieldDiffers(SftRunConfigYaml.ToYaml(new SftRunConfig()), yaml);
        RecordAssert.Equal(c, SftRunConfigYaml.Parse(yaml, "config.yaml", "/"));
    }

    [Fact]
    public void Relative_paths_are_read_against_the_config_and_written_absolute()
    {
        var o = ExperimentConfig.Parse("data: {train: d/train.jsonl, test: ../test.jsonl}\n", "exp.yaml", "/base/exp");
        var back = ExperimentConfig.Parse(ExperimentConfig.ToYaml(o), "resolved.yaml", "/other");
        Assert.Equal("/base/exp/d/train.jsonl", back.Data.TrainPath);
        Assert.Equal("/base/test.jsonl", back.Data.TestPath);
    }

    private static string WriteRunConfig(string name, string yaml)
    {
        var run = RunDirectory.Open(Path.Combine(Sift.Tests.Training.Sft.SftTestData.TempDir(name), "run"));
        run.WriteConfig(yaml);
        return run.ConfigPath;
    }

    [Fact]
    public void Run_writes_a_config_yaml_that_loads_back_into_run()
    {
        var o = Experiment();
        RecordAssert.Equal(o, ExperimentConfig.Load(WriteRunConfig("rt-run", RunCommand.ConfigYaml(o))));
    }

    [Fact]
    public void Mix_writes_a_config_yaml_that_loads_back_into_mix()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sift.sln"))) root = Path.GetDirectoryName(root)!;
        foreach (var path in Directory.GetFiles(Path.Combine(root, "configs", "mix"), "*.yaml").Append(null))
        {
            var o = path is null ? Mix() : MixConfig.Load(path);
            var back = MixConfig.Load(WriteRunConfig("rt-mix", MixCommand.ConfigYaml(o)), AbilityRegistry.Default().Names);
            RecordAssert.Equal(o, back);
            RecordAssert.Equal(o.DmtSettings(), back.DmtSettings());
        }
    }

    [Fact]
    public void Sweep_writes_its_own_config_yaml_that_loads_back_into_sweep()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Sift.sln"))) root = Path.GetDirectoryName(root)!;
        foreach (var path in Directory.GetFiles(Path.Combine(root, "configs", "sweeps"), "*.yaml").Append(null))
        {
            var o = path is null ? Sweep() : SweepConfig.Load(path);
            RecordAssert.Equal(o, SweepConfig.Load(WriteRunConfig("rt-sweep", SweepCommand.ConfigYaml(o))));
        }
    }
}
