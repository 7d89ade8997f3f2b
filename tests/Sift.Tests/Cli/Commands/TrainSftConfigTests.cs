using Sift.Tests.Training.Sft;
using Sift.Training.Sft;

namespace Sift.Tests.Cli.Commands;

/// <summary>`sift train sft --config RUN/config.yaml` trains again with the settings the first run recorded.</summary>
public sealed class TrainSftConfigTests
{
    private static int Sift(params string[] args) => global::Sift.Cli.CommandCatalog.BuildRoot().Parse(args).Invoke();

    private static string TinyData(string dir)
    {
        var path = Path.Combine(dir, "train.jsonl");
        File.WriteAllLines(path, Enumerable.Range(1, 12).Select(i => $"{{\"question\": \"What is {i} + {i}?\", \"answer\": \"{i} + {i} = {2 * i}\\n#### {2 * i}\"}}"));
        return path;
    }

    [Fact]
    public void A_run_config_yaml_trains_again_with_the_same_settings_and_flags_override_it()
    {
        var dir = SftTestData.TempDir("train-sft-config");
        var data = TinyData(dir);
        var first = Path.Combine(dir, "first");
        Assert.Equal(0, Sift("train", "sft", "--data", data, "--out", first, "--steps", "2", "--batch-size", "4", "--lr", "0.002", "--seed", "3",
            "--vocab-size", "300", "--hidden", "16", "--layers", "1", "--heads", "2", "--intermediate", "32", "--context", "64", "--family", "gpt2", "--checkpoint-every", "0"));
        var written = SftRunConfigYaml.Load(Path.Combine(first, "config.yaml"));
        Assert.Equal(Path.GetFullPath(data), written.Data);
        Assert.Equal((global::Sift.Model.ModelFamily.Gpt2, 16, 1, 2, 2, 32, 64), (written.Model.Family, written.Model.Hidden, written.Model.Layers, written.Model.Heads, written.Model.KeyValueHeads, written.Model.Intermediate, written.Model.Context));
        Assert.Equal((2, 4, 0.002, 3, 300), (written.Sft.MaxSteps, written.Sft.BatchSize, written.Sft.LearningRate, written.Seed, written.VocabSize));

        var second = Path.Combine(dir, "second");
        Assert.Equal(0, Sift("train", "sft", "--config", Path.Combine(first, "config.yaml"), "--out", second));
        Support.RecordAssert.Equal(written, SftRunConfigYaml.Load(Path.Combine(second, "config.yaml")));
        Assert.True(Directory.Exists(Path.Combine(second, "checkpoints", "final")));

        var third = Path.Combine(dir, "third");
        Assert.Equal(0, Sift("train", "sft", "--config", Path.Combine(second, "config.yaml"), "--out", third, "--steps", "1", "--layers", "2"));
        var overridden = SftRunConfigYaml.Load(Path.Combine(third, "config.yaml"));
        Support.RecordAssert.Equal(written with { Sft = written.Sft with { MaxSteps = 1 }, Model = written.Model with { Layers = 2 } }, overridden);
    }

    [Fact]
    public void A_bad_config_fails_with_its_file_line_and_field()
    {
        var dir = SftTestData.TempDir("train-sft-bad-config");
        var path = Path.Combine(dir, "config.yaml");
        File.WriteAllText(path, "data: x.jsonl\nsft:\n  lr: fast\n");
        Assert.Equal(2, Sift("train", "sft", "--config", path, "--out", Path.Combine(dir, "run")));
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }
}
