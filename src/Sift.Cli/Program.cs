namespace Sift.Cli;

public static class Program
{
    public static int Main(string[] args) => CommandCatalog.BuildRoot().Parse(args).Invoke();
}
