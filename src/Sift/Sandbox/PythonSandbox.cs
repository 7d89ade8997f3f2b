using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sift.Data.Code;

namespace Sift.Sandbox;

/// <summary>
/// Runs untrusted Python against unit tests in a separate, jailed process (see <see cref="IsolationScript"/>
/// for the jail): wall-clock and CPU limits, an address-space limit, no network, a fresh private working
/// directory deleted afterwards, capped output, no writes elsewhere, a process cap against fork bombs. All
/// tests of one solution run in one process; each gets its own verdict. Thread-safe: runs may go in
/// parallel (each gets its own uid and directory). User-code behaviour always comes back as a
/// <see cref="SandboxResult"/>, never as an exception.
/// </summary>
public sealed class PythonSandbox
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    /// <summary>A sandbox with <paramref name="limits"/> (defaults when null) on <paramref name="host"/> (this machine when null).</summary>
    public PythonSandbox(SandboxLimits? limits = null, SandboxHost? host = null)
    {
        Limits = limits ?? new SandboxLimits();
        Limits.Validate();
        Host = host ?? SandboxHost.Default;
    }

    public SandboxLimits Limits { get; }

    public SandboxHost Host { get; }

    /// <summary>Runs <paramref name="code"/> (a Python module defining the suite's entry point) against every test of <paramref name="suite"/>.</summary>
    public SandboxResult Run(string code, PythonTestSuite suite)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(suite);
        if (Host.Problem is { } problem)
        {
            return SandboxResult.NotRun(SandboxOutcome.SandboxUnavailable, suite.Tests.Count, problem);
        }
        var uid = SandboxSlots.Acquire();
        DirectoryInfo? directory = null;
        var killed = true;
        try
        {
            directory = Directory.CreateTempSubdirectory("sift-sandbox-");
            File.WriteAllText(Path.Combine(directory.FullName, PythonHarness.FileName), PythonHarness.Source);
            File.WriteAllText(Path.Combine(directory.FullName, PythonHarness.SolutionFile), code);
            File.WriteAllText(Path.Combine(directory.FullName, PythonHarness.InputsFile), suite.InputsJson());
            var result = Execute(directory.FullName, suite, uid);
            killed = result.Outcome is SandboxOutcome.TimedOut or SandboxOutcome.OutputExceeded or SandboxOutcome.Crashed;
            return result;
        }
        finally
        {
            SandboxSlots.Release(uid, killed);
            TryDelete(directory);
        }
    }

    private SandboxResult Execute(string workingDirectory, PythonTestSuite suite, int uid)
    {
        var start = new ProcessStartInfo(Host.Tools["unshare"])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in IsolationScript.UnshareArguments(Host, Limits, uid))
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Clear();
        start.Environment["PATH"] = "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin";
        start.Environment["LANG"] = "C.UTF-8";
        start.Environment["HOME"] = "/tmp/w";

        var clock = Stopwatch.StartNew();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return SandboxResult.NotRun(SandboxOutcome.SandboxUnavailable, suite.Tests.Count, $"could not start unshare: {e.Message}", clock.Elapsed);
        }
        process.StandardInput.Close(); // user code reading stdin sees end of file
        void Kill()
        {
            try
            {
                // SIGKILL to unshare; --kill-child then kills PID 1 of the namespace and the kernel the rest.
                process.Kill();
            }
            catch (InvalidOperationException)
            {
            }
        }
        var stdout = new CappedPipeReader(process.StandardOutput.BaseStream, Limits.MaxOutputBytes, Kill);
        var stderr = new CappedPipeReader(process.StandardError.BaseStream, Limits.MaxOutputBytes, Kill);
        var timedOut = !process.WaitForExit(Limits.WallClock);
        if (timedOut)
        {
            Kill();
            process.WaitForExit(DrainTimeout);
        }
        var drained = stdout.Wait(DrainTimeout) & stderr.Wait(DrainTimeout);
        var elapsed = clock.Elapsed;
        var exitCode = process.HasExited ? process.ExitCode : -1;
        var run = new RunFacts(timedOut, stdout.Overflowed || stderr.Overflowed, exitCode, stdout.Text(), stderr.Text(), drained);
        return Interpret(suite, run, elapsed);
    }

    private readonly record struct RunFacts(bool TimedOut, bool OutputExceeded, int ExitCode, string Stdout, string Stderr, bool Drained);

    private SandboxResult Interpret(PythonTestSuite suite, RunFacts run, TimeSpan elapsed)
    {
        var count = suite.Tests.Count;
        var verdicts = new TestCaseResult?[count];
        string? load = null;
        var loadDetail = "";
        foreach (var line in run.Stdout.Split('\n'))
        {
            if (!line.StartsWith(PythonHarness.LinePrefix, StringComparison.Ordinal)) continue;
            JsonObject? record;
            try
            {
                record = JsonNode.Parse(line.AsSpan(PythonHarness.LinePrefix.Length).ToString()) as JsonObject;
            }
            catch (JsonException)
            {
                continue; // a line cut by the output cap
            }
            if (record is null) continue;
            if (record["load"] is JsonValue loadValue && load is null)
            {
                load = loadValue.GetValue<string>();
                loadDetail = record["detail"]?.GetValue<string>() ?? "";
                continue;
            }
            if (load != "ok" || record["i"] is not JsonValue indexValue || !indexValue.TryGetValue<int>(out var index)) continue;
            if (index < 0 || index >= count || verdicts[index] is not null) continue;
            verdicts[index] = Judge(suite.Tests[index], index, record);
        }

        if (load is null && !run.TimedOut && !run.OutputExceeded && IsSetupFailure(run))
        {
            return SandboxResult.NotRun(SandboxOutcome.SandboxUnavailable, count, "sandbox setup failed: " + Tail(run.Stderr, 400), elapsed);
        }

        // Why the process stopped, for every test it never reported.
        var (stopOutcome, stopDetail, cutShort) = StopReason(run, load, loadDetail);
        var tests = new TestCaseResult[count];
        for (var i = 0; i < count; i++)
        {
            tests[i] = verdicts[i] ?? new TestCaseResult(i, stopOutcome, stopDetail);
        }
        if (cutShort && verdicts.Any(v => v is null))
        {
            return new SandboxResult(stopOutcome, tests, stopDetail, elapsed);
        }
        var firstFailure = tests.FirstOrDefault(t => !t.Passed);
        return firstFailure is null
            ? new SandboxResult(SandboxOutcome.Passed, tests, "", elapsed)
            : new SandboxResult(firstFailure.Outcome, tests, string.Create(CultureInfo.InvariantCulture, $"test {firstFailure.Index}: {firstFailure.Detail}"), elapsed);
    }

    /// <summary>The outcome for tests without a report, and whether the run was cut short by a limit or a crash.</summary>
    private (SandboxOutcome Outcome, string Detail, bool CutShort) StopReason(RunFacts run, string? load, string loadDetail)
    {
        var inv = CultureInfo.InvariantCulture;
        if (run.OutputExceeded)
        {
            return (SandboxOutcome.OutputExceeded, string.Create(inv, $"output exceeded {Limits.MaxOutputBytes} bytes"), true);
        }
        if (run.TimedOut)
        {
            return (SandboxOutcome.TimedOut, string.Create(inv, $"wall-clock limit of {Limits.WallClock.TotalSeconds:0.###} s"), true);
        }
        switch (load)
        {
            case "memory":
                return (SandboxOutcome.MemoryExceeded, "MemoryError while loading the solution", false);
            case "error":
                return (SandboxOutcome.Failed, loadDetail, false);
        }
        var tail = Tail(run.Stderr, 300);
        return run.ExitCode switch
        {
            128 + 24 => (SandboxOutcome.TimedOut, string.Create(inv, $"CPU limit of {Limits.CpuSeconds} s (SIGXCPU)"), true),
            128 + 25 => (SandboxOutcome.Crashed, "file size limit (SIGXFSZ)", true),
            > 128 and < 160 => (SandboxOutcome.Crashed, string.Create(inv, $"killed by signal {run.ExitCode - 128}") + (tail.Length > 0 ? ": " + tail : ""), true),
            _ => (SandboxOutcome.Crashed, string.Create(inv, $"process exited with status {run.ExitCode} before reporting") + (tail.Length > 0 ? ": " + tail : ""), true),
        };
    }

    private static TestCaseResult Judge(PythonTestCase test, int index, JsonObject record)
    {
        if (record["kind"] is JsonValue kind)
        {
            return kind.GetValue<string>() == "memory"
                ? new TestCaseResult(index, SandboxOutcome.MemoryExceeded, "MemoryError")
                : new TestCaseResult(index, SandboxOutcome.Failed, record["detail"]?.GetValue<string>() ?? "error");
        }
        var actual = record["value"];
        return JsonNode.DeepEquals(test.Expected, actual)
            ? new TestCaseResult(index, SandboxOutcome.Passed, "")
            : new TestCaseResult(index, SandboxOutcome.Failed, $"expected {Show(test.Expected)}, got {Show(actual)}");
    }

    private static bool IsSetupFailure(RunFacts run)
        => (run.ExitCode == IsolationScript.SetupFailedExitCode && run.Stderr.Contains(IsolationScript.SetupFailedMarker, StringComparison.Ordinal))
           || run.Stderr.StartsWith("unshare:", StringComparison.Ordinal)
           || run.Stderr.StartsWith("setpriv:", StringComparison.Ordinal)
           || run.Stderr.StartsWith("prlimit:", StringComparison.Ordinal);

    private static string Show(JsonNode? node)
    {
        var text = node?.ToJsonString() ?? "null";
        return text.Length <= 80 ? text : text[..77] + "...";
    }

    private static string Tail(string text, int max)
    {
        text = text.Trim();
        return text.Length <= max ? text : "..." + text[^max..];
    }

    private static void TryDelete(DirectoryInfo? directory)
    {
        if (directory is null) return;
        try
        {
            directory.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
