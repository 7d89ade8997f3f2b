namespace Sift.Tests.Support;

/// <summary>Runs a `sift` command line in-process with stdout and stderr captured (callers sit in the "Console" collection).</summary>
internal static class CliRun
{
    public static (int Code, string Out, string Err) Invoke(params string[] args)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var (o, e) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = Sift.Cli.CommandCatalog.BuildRoot().Parse(args).Invoke();
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(o);
            Console.SetError(e);
        }
    }
}
