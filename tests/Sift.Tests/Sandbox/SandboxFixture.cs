using Sift.Sandbox;

namespace Sift.Tests.Sandbox;

/// <summary>The sandbox under test, with short limits so the hostile cases finish in about a second.</summary>
internal static class SandboxFixture
{
    public static readonly SandboxLimits Short = new()
    {
        WallClock = TimeSpan.FromSeconds(3),
        CpuSeconds = 1,
        MemoryBytes = 256L << 20,
        MaxOutputBytes = 16 << 10,
        MaxProcesses = 16,
    };

    public static readonly PythonSandbox Runner = new(Short);

    /// <summary>False (after saying why) when this machine cannot run the sandbox: no python3 or no namespaces.</summary>
    public static bool Available()
    {
        if (Runner.Host.Available) return true;
        Console.WriteLine($"SKIPPED: the code sandbox is unavailable here: {Runner.Host.Problem}");
        return false;
    }

    public static PythonTestSuite Suite(string entry, params PythonTestCase[] tests) => new(entry, tests);
}
