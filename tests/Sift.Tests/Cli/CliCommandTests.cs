using System.CommandLine;

namespace Sift.Tests.Cli;

public sealed class CliCommandTests
{
    private static Command Find(string path)
    {
        Command command = Sift.Cli.CommandCatalog.BuildRoot();
        foreach (var name in path.Split(' ')) command = command.Subcommands.Single(c => c.Name == name);
        return command;
    }

    [Theory]
    [InlineData("train sft", "--data", "--out", "--epochs", "--steps", "--batch-size", "--lr", "--warmup", "--checkpoint-every", "--model")]
    [InlineData("sample", "--model", "--data", "--out", "--k", "--temperature", "--seed", "--batch")]
    [InlineData("eval", "--model", "--data", "--k", "--temperature", "--max-new-tokens", "--out", "--limit")]
    [InlineData("rft", "--data", "--samples", "--base", "--out", "--no-annotation-check", "--no-train")]
    [InlineData("demo", "--quick", "--out", "--seeds")]
    [InlineData("run", "--out")]
    public void Commands_exist_and_every_option_is_described(string path, params string[] options)
    {
        var command = Find(path);
        Assert.False(string.IsNullOrWhiteSpace(command.Description));
        foreach (var name in options)
        {
            Assert.Contains(command.Options, o => o.Name == name);
        }
        Assert.All(command.Options.Where(o => o.Name.StartsWith("--", StringComparison.Ordinal) && o.Name is not "--help" and not "-h" and not "-?"), o => Assert.False(string.IsNullOrWhiteSpace(o.Description), o.Name));
    }

    [Fact]
    public void Run_with_a_bad_config_fails_with_the_file_and_line()
    {
        var dir = Sift.Tests.Training.Sft.SftTestData.TempDir("cli");
        var path = Path.Combine(dir, "bad.yaml");
        File.WriteAllText(path, "name: x\nsft:\n  epoch: 3\n");
        var code = Sift.Cli.CommandCatalog.BuildRoot().Parse(["run", path, "--out", Path.Combine(dir, "run")]).Invoke();
        Assert.Equal(2, code);
        Assert.False(Directory.Exists(Path.Combine(dir, "run")));
    }
}
