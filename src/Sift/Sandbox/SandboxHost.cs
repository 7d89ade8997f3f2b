using System.Diagnostics;

namespace Sift.Sandbox;

/// <summary>
/// What the sandbox needs from this machine, found once: a Python 3 interpreter (<c>python3</c> on PATH,
/// resolved through shims such as pyenv's to the real executable) and util-linux's <c>unshare</c>,
/// <c>setpriv</c>, <c>prlimit</c> and <c>mount</c> plus <c>/bin/sh</c>. When something is missing,
/// <see cref="Problem"/> says what and how to install it, and every run returns
/// <see cref="SandboxOutcome.SandboxUnavailable"/> with that text.
/// </summary>
public sealed record SandboxHost
{
    private static readonly string[] SystemDirectories = ["/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin"];
    private static readonly Lazy<SandboxHost> LazyDefault = new(() => Find(Environment.GetEnvironmentVariable("PATH")));

    /// <summary>The real Python executable (no symlinks, no shims); empty when unavailable.</summary>
    public string Python { get; init; } = "";

    /// <summary>Whether this process runs as root (then the code runs as an unprivileged uid of its own).</summary>
    public bool IsRoot { get; init; }

    /// <summary>
    /// When the interpreter lives below a directory other users cannot enter (pyenv under <c>/root</c>):
    /// that directory and its child on the way to the interpreter, which the sandbox re-exposes read-only.
    /// </summary>
    public (string Blocked, string Child)? HiddenInterpreter { get; init; }

    /// <summary>Full paths of the util-linux tools, keyed by name.</summary>
    public IReadOnlyDictionary<string, string> Tools { get; init; } = new Dictionary<string, string>();

    /// <summary>Why the sandbox cannot run here, or null when it can.</summary>
    public string? Problem { get; init; }

    public bool Available => Problem is null;

    /// <summary>The host found from this process's PATH (computed once).</summary>
    public static SandboxHost Default => LazyDefault.Value;

    /// <summary>Looks for the interpreter on <paramref name="pathVariable"/> (a PATH string) and the tools in the system directories.</summary>
    public static SandboxHost Find(string? pathVariable, string interpreterName = "python3")
    {
        if (!OperatingSystem.IsLinux())
        {
            return new SandboxHost { Problem = "the code sandbox needs Linux namespaces (unshare); this OS is not Linux" };
        }
        var tools = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tool in new[] { "unshare", "setpriv", "prlimit", "mount", "sh" })
        {
            var found = SystemDirectories.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);
            if (found is null)
            {
                return new SandboxHost { Problem = $"'{tool}' not found in {string.Join(", ", SystemDirectories)}; install util-linux (apt-get install util-linux)" };
            }
            tools[tool] = found;
        }
        var launcher = (pathVariable ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, interpreterName))
            .FirstOrDefault(File.Exists);
        if (launcher is null)
        {
            return new SandboxHost { Problem = $"{interpreterName} not found on PATH; the code tasks need Python 3.8+ (apt-get install python3)", Tools = tools };
        }
        var (real, problem) = ResolveInterpreter(launcher);
        if (problem is not null)
        {
            return new SandboxHost { Problem = problem, Tools = tools };
        }
        var isRoot = IsRootProcess();
        return new SandboxHost
        {
            Python = real!,
            IsRoot = isRoot,
            HiddenInterpreter = isRoot ? FirstClosedAncestor(real!) : null,
            Tools = tools,
        };
    }

    /// <summary>Asks the interpreter (trusted, outside the sandbox) for its real path and version.</summary>
    private static (string? Path, string? Problem) ResolveInterpreter(string launcher)
    {
        var start = new ProcessStartInfo(launcher)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-I", "-S", "-c", "import os, sys; print(os.path.realpath(sys.executable)); print(sys.version_info[0] * 100 + sys.version_info[1])" })
        {
            start.ArgumentList.Add(arg);
        }
        try
        {
            using var process = Process.Start(start)!;
            var stdoutTask = process.StandardOutput.ReadToEndAsync();
            var stderrTask = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(20_000))
            {
                process.Kill(entireProcessTree: true);
                return (null, $"{launcher} did not answer within 20 s");
            }
            var lines = stdoutTask.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (process.ExitCode != 0 || lines.Length < 2 || !int.TryParse(lines[1], out var version))
            {
                return (null, $"{launcher} failed to report its path (exit {process.ExitCode}): {stderrTask.Result.Trim()}");
            }
            if (version < 308)
            {
                return (null, $"{launcher} is Python {version / 100}.{version % 100}; the code tasks need Python 3.8+");
            }
            return (lines[0], null);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, $"could not start {launcher}: {e.Message}");
        }
    }

    /// <summary>The first directory on the way to <paramref name="file"/> that others cannot traverse, and the entry below it.</summary>
    private static (string Blocked, string Child)? FirstClosedAncestor(string file)
    {
        if (!OperatingSystem.IsLinux()) return null;
        var parts = file.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var path = "";
        for (var i = 0; i < parts.Length - 1; i++)
        {
            path += "/" + parts[i];
            if ((File.GetUnixFileMode(path) & UnixFileMode.OtherExecute) == 0)
            {
                return (path, path + "/" + parts[i + 1]);
            }
        }
        return null;
    }

    private static bool IsRootProcess()
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith("Uid:", StringComparison.Ordinal))
            {
                var fields = line[4..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                return fields.Length > 1 && fields[1] == "0"; // effective uid
            }
        }
        return false;
    }
}
