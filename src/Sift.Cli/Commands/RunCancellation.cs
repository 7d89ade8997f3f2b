namespace Sift.Cli.Commands;

/// <summary>Ctrl+C asks the running job to stop between steps (training resumes from its last checkpoint).</summary>
internal static class RunCancellation
{
    public static CancellationTokenSource Create()
    {
        var cts = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            if (cts.IsCancellationRequested) return; // a second Ctrl+C kills the process
            e.Cancel = true;
            cts.Cancel();
            Console.Error.WriteLine("\nstopping (Ctrl+C again to kill); run the same command to resume");
        };
        return cts;
    }
}
