using System.Globalization;
using System.Text;

namespace Sift.Sandbox;

/// <summary>
/// The <c>/bin/sh</c> script that runs as PID 1 of fresh network, mount and PID namespaces
/// (<c>unshare --net --mount --pid --fork --kill-child --mount-proc</c>) and sets up the jail before
/// starting the harness:
/// <list type="bullet">
/// <item>no network: the new network namespace has only a downed loopback;</item>
/// <item>a fresh root-owned, read-only-for-others tmpfs over <c>/tmp</c>, <c>/var/tmp</c>, <c>/dev/shm</c>,
/// <c>/run/lock</c> and <c>/dev/mqueue</c> (the world-writable places), and the code's own size-capped tmpfs at
/// <c>/tmp/w</c> as its working directory: the only place it can write, gone when the namespace dies;</item>
/// <item>as root: the harness runs as an unprivileged uid of its own (<c>setpriv</c>, no new privileges), so
/// file permissions forbid writes elsewhere and RLIMIT_NPROC (which root ignores) caps its processes;</item>
/// <item>the root mount remounted read-only inside the namespace;</item>
/// <item>RLIMIT_CPU, RLIMIT_AS, RLIMIT_NPROC, RLIMIT_FSIZE, RLIMIT_NOFILE and no core files (<c>prlimit</c>).</item>
/// </list>
/// The shell stays PID 1 (it does not exec the harness), so when the harness dies every process left in the
/// namespace is killed by the kernel; when the caller kills <c>unshare</c>, <c>--kill-child</c> kills PID 1 and
/// with it the whole tree, however many processes it forked.
/// </summary>
internal static class IsolationScript
{
    /// <summary>Exit status of the script when the jail could not be set up (not the user's fault).</summary>
    public const int SetupFailedExitCode = 97;

    public const string SetupFailedMarker = "sift-sandbox-setup:";

    private static readonly string[] CoveredDirectories = ["/var/tmp", "/dev/shm", "/run/lock", "/dev/mqueue"];

    /// <summary>The arguments for <c>unshare</c> (the script included).</summary>
    public static IReadOnlyList<string> UnshareArguments(SandboxHost host, SandboxLimits limits, int uid)
    {
        var args = new List<string>();
        if (!host.IsRoot)
        {
            // Unprivileged: a user namespace first (mapping us to its root) makes the others possible.
            args.Add("--user");
            args.Add("--map-root-user");
        }
        args.AddRange(["--net", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc", "--", host.Tools["sh"], "-c", Script(host, limits, uid)]);
        return args;
    }

    public static string Script(SandboxHost host, SandboxLimits limits, int uid)
    {
        var inv = CultureInfo.InvariantCulture;
        var s = new StringBuilder();
        var mount = Quote(host.Tools["mount"]);
        s.Append("fail() { echo \"").Append(SetupFailedMarker).Append(" $*\" >&2; exit ").Append(SetupFailedExitCode.ToString(inv)).Append("; }\n");
        s.Append(mount).Append(" --make-rprivate / || fail 'cannot make mounts private'\n");
        s.Append(mount).Append(" -t tmpfs -o mode=0755,size=1m sift-tmp /tmp || fail 'cannot mount a tmpfs on /tmp'\n");
        s.Append("mkdir /tmp/w || fail 'cannot create /tmp/w'\n");
        var owner = host.IsRoot ? string.Create(inv, $",uid={uid},gid={uid}") : "";
        s.Append(mount).Append(" -t tmpfs -o mode=0700").Append(owner).Append(",size=").Append(limits.ScratchBytes.ToString(inv))
            .Append(" sift-work /tmp/w || fail 'cannot mount the work tmpfs'\n");
        s.Append("cp ").Append(PythonHarness.FileName).Append(' ').Append(PythonHarness.SolutionFile).Append(' ').Append(PythonHarness.InputsFile)
            .Append(" /tmp/w/ || fail 'cannot copy the inputs'\n");
        s.Append("cd /tmp/w || fail 'cannot enter /tmp/w'\n");
        if (host.HiddenInterpreter is { } hidden)
        {
            // The interpreter sits below a directory the sandbox uid cannot enter (pyenv in /root): cover that
            // directory with an empty tmpfs others may traverse and mount the interpreter's tree back into it.
            var blocked = Quote(hidden.Blocked);
            var child = Quote(hidden.Child);
            s.Append("mkdir /tmp/.py && ").Append(mount).Append(" --rbind ").Append(child).Append(" /tmp/.py || fail 'cannot stage the interpreter'\n");
            s.Append(mount).Append(" -t tmpfs -o mode=0711,size=64k sift-hide ").Append(blocked).Append(" || fail 'cannot cover ").Append(hidden.Blocked).Append("'\n");
            s.Append("mkdir ").Append(child).Append(" && ").Append(mount).Append(" --move /tmp/.py ").Append(child)
                .Append(" && rmdir /tmp/.py || fail 'cannot expose the interpreter'\n");
        }
        foreach (var directory in CoveredDirectories)
        {
            s.Append("if [ -d ").Append(directory).Append(" ]; then ").Append(mount).Append(" -t tmpfs -o mode=0755,size=64k sift-cover ")
                .Append(directory).Append(" || fail 'cannot cover ").Append(directory).Append("'; fi\n");
        }
        // Last, the root mount read-only in this namespace only (a per-mount flag of our copy; the host is untouched):
        // even where permissions would allow it (the non-root mode, where the code runs as the caller), nothing on
        // the root file system can be written.
        s.Append(mount).Append(" -o remount,bind,ro / || fail 'cannot make / read-only'\n");
        s.Append(Quote(host.Tools["prlimit"]))
            // Hard limit one second above the soft one: at the soft limit SIGXCPU ends the run as a time-out
            // (with soft == hard the kernel sends SIGKILL instead, indistinguishable from other kills).
            .Append(" --cpu=").Append(limits.CpuSeconds.ToString(inv)).Append(':').Append((limits.CpuSeconds + 1).ToString(inv))
            .Append(" --as=").Append(limits.MemoryBytes.ToString(inv))
            .Append(" --nproc=").Append(limits.MaxProcesses.ToString(inv))
            .Append(" --fsize=").Append(limits.ScratchBytes.ToString(inv))
            .Append(" --nofile=64 --core=0 -- ");
        if (host.IsRoot)
        {
            s.Append(Quote(host.Tools["setpriv"])).Append(string.Create(inv, $" --reuid={uid} --regid={uid} --clear-groups --no-new-privs -- "));
        }
        s.Append(Quote(host.Python)).Append(" -I -S -B ").Append(PythonHarness.FileName).Append('\n');
        s.Append("exit $?\n"); // not exec: the shell stays PID 1 so the harness is an ordinary, killable process
        return s.ToString();
    }

    /// <summary>Single-quotes <paramref name="text"/> for sh.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
