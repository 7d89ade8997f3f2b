using Sift.IO.Yaml;
namespace Sift.Cli;

/// <summary>
/// The one place where a command's failures become exit codes: a cancellation (Ctrl+C) exits 130
/// after saying how to resume, an error the user can act on (bad arguments, missing or malformed
/// files) prints "error: …" and exits 1. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CommandGuard
{
    public static int Run(Func<int> body, ConsoleProgress? console = null)
    {
        try
        {
            return body();
        }
        catch (OperationCanceledException e)
        {
            console?.EndLine();
            // Pipelines say where they stopped ("M-step: cancelled at step 120"); the runtime's default text adds nothing.
            var where = e.Message == new OperationCanceledException().Message ? "" : $": {e.Message}";
            Console.Error.WriteLine($"stopped{where} (run the same command to resume)");
            return 130;
        }
        catch (Exception e) when (IsUserError(e))
        {
            console?.EndLine();
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Loads a config file and runs <paramref name="body"/> with it; a bad config (its error names file,
    /// line and field) prints "error: …" and exits 2, before anything is created.
    /// </summary>
    public static int WithConfig<T>(Func<T> load, Func<T, int> body)
    {
        T config;
        try
        {
            config = load();
        }
        catch (Sift.IO.Yaml.ConfigException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 2;
        }
        return body(config);
    }

    /// <summary>Errors whose message tells the user what to fix (they name the file, line or option).</summary>
    public static bool IsUserError(Exception e) =>
        e is ArgumentException or InvalidOperationException or IOException or InvalidDataException or UnauthorizedAccessException;
}
