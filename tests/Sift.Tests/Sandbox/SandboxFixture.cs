using Sift.Sandbox;
using Sift.Data.Code;

namespace Sift.Tests.Sandbox;

internal static class SandboxFixture
{
    /// <summary>
    /// The limits under test: busy loops end at the 1 s CPU limit (CPU time does not stretch on a loaded
    /// machine), while the wall clock is generous so that a correct solution never times out when the 2-core
    /// machine is saturated by other work (python start-up alone has taken over 3 s here).
    /// </summary>
    public static readonly SandboxLimits Short = new()
    {
        WallClock = TimeSpan.FromSeconds(30),
        CpuSeconds = 1,
        MemoryBytes = 256L << 20,
        MaxOutputBytes = 16 << 10,
        MaxProcesses = 16,
    };

    public static readonly PythonSandbox Runner = new(Short);

    /// <summary>For the cases only the wall clock can end (sleeping code, a fork bomb of CPU-limited processes): a short wall clock.</summary>
    public static readonly PythonSandbox Quick = new(Short with { WallClock = TimeSpan.FromSeconds(4) });

    /// <summary>
    /// How long a run of <paramref name="sandbox"/> may take at most: its wall clock plus start and teardown. The
    /// margin is generous (python start-up alone has taken over 3 s on the saturated 2-core machine) yet far below
    /// what the runaway code under test asks for (a 60 s sleep, an endless loop), so the limit is still what is tested.
    /// </summary>
    public static TimeSpan Deadline(PythonSandbox sandbox) => sandbox.Limits.WallClock + TimeSpan.FromSeconds(20);

    /// <summary>Skips the calling test (with the reason) when this machine cannot run the sandbox: no python3 or no namespaces.</summary>
    public static void RequireSandbox() => Sift.Tests.Support.Requires.Sandbox(Runner.Host);

    public static PythonTestSuite Suite(string entry, params PythonTestCase[] tests) => new(entry, tests);
}
