using System.CommandLine;
using System.Text.Json.Nodes;
using Sift.Data;
using Sift.Model;
using Sift.Runs;
using Sift.Tests.Training.Sft;

namespace Sift.Tests.Cli.Commands;

public sealed class RestEmCommandTests
{
    private static Command Restem() => Sift.Cli.CommandCatalog.BuildRoot().Subcommands.Single(c => c.Name == "restem");

    [Fact]
    public void The_command_exists_and_every_option_is_described()
    {
        var command = Restem();
        Assert.False(string.IsNullOrWhiteSpace(command.Description));
        foreach (var name in new[] { "--model", "--base", "--train", "--test", "--valid", "--valid-from-train", "--out", "--iterations", "--k", "--temperature", "--top-k", "--max-per-problem", "--continue-from-previous", "--patience", "--require-annotations", "--epochs", "--steps", "--seed" })
        {
            Assert.Contains(command.Options, o => o.Name == name);
        }
        Assert.All(command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not "--help"), o => Assert.False(string.IsNullOrWhiteSpace(o.Description), o.Name));
    }

    [Fact]
    public void A_run_on_files_writes_results_json_and_bad_arguments_fail_with_exit_code_1()
    {
        var dir = SftTestData.TempDir("restem-cli");
        var modelDir = Path.Combine(dir, "model");
        using (var model = TransformerModel.Create(SftTestData.TinyConfig(), 3)) SavedModel.Save(modelDir, model, SftTestData.Tokenizer);
        var train = Path.Combine(dir, "train.jsonl");
        var test = Path.Combine(dir, "test.jsonl");
        JsonlDataset.WriteGsm8k(train, SftTestData.Train.Take(4));
        JsonlDataset.WriteGsm8k(test, SftTestData.Test.Take(3));
        var output = Path.Combine(dir, "run");
        int code = Sift.Cli.CommandCatalog.BuildRoot().Parse(["restem", "--model", modelDir, "--train", train, "--test", test, "--out", output,
            "--k", "2", "--iterations", "1", "--steps", "2", "--batch-size", "4", "--max-new-tokens", "8"]).Invoke();
        Assert.Equal(0, code);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(output, "results.json")))!.AsObject();
        Assert.InRange(json["sft_greedy"]!.GetValue<double>(), 0, 1);
        Assert.NotNull(json["iterations"] as JsonArray);
        Assert.True(File.Exists(Path.Combine(output, "iter-1", "e_step.json")));

        Assert.Equal(1, Sift.Cli.CommandCatalog.BuildRoot().Parse(["restem", "--model", modelDir, "--train", train, "--out", output]).Invoke());
        Assert.Equal(1, Sift.Cli.CommandCatalog.BuildRoot().Parse(["restem", "--model", Path.Combine(dir, "missing"), "--train", train, "--test", test, "--out", Path.Combine(dir, "run2")]).Invoke());
    }
}
