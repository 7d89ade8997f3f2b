using Sift.Runs;

namespace Sift.Cli.Commands;

/// <summary>
/// How the config-driven commands (`run`, `mix`, `sweep`) run a job: open the run directory, record the
/// config, run with console progress and Ctrl+C cancellation, then print the results table and where
/// results.json is. One place so the three behave alike.
/// </summary>
internal static class ConfigRun
{
    /// <param name="runDir">The run directory (created or resumed).</param>
    /// <param name="configYaml">The config to record as config.yaml (read inside the guard, so its errors are reported like the job's).</param>
    /// <param name="execute">Runs the job and returns its results table.</param>
    public static int Execute(string runDir, Func<string> configYaml, Func<RunDirectory, ConsoleProgress, CancellationToken, string> execute)
    {
        using var cts = RunCancellation.Create();
        var console = new ConsoleProgress();
        return CommandGuard.Run(() =>
        {
            var run = RunDirectory.Open(runDir);
            run.WriteConfig(configYaml());
            Console.WriteLine($"run directory: {run.Root}");
            string table = execute(run, console, cts.Token);
            console.EndLine();
            Console.WriteLine();
            Console.Write(table);
            Console.WriteLine($"results: {run.ResultsPath}");
            return 0;
        }, console);
    }
}
