namespace Sift.Tests.Cli;

public sealed class CliSmokeTests
{
    [Fact]
    public void Root_lists_the_version_command()
    {
        var root = Sift.Cli.CommandCatalog.BuildRoot();
        Assert.Contains(root.Subcommands, c => c.Name == "version");
    }
}
