namespace Sift.Sandbox;

/// <summary>
/// What happened when untrusted code ran, for the whole run and for each test case. User-code behaviour
/// (a wrong answer, an exception, a loop, a huge allocation) is always one of these values, never an
/// exception in the caller.
/// </summary>
public enum SandboxOutcome
{
    /// <summary>The function returned the expected value (for a run: every test did).</summary>
    Passed,

    /// <summary>A wrong value, an exception, a syntax error or a missing entry point.</summary>
    Failed,

    /// <summary>The wall-clock or CPU-time limit ran out.</summary>
    TimedOut,

    /// <summary>An allocation failed under the address-space limit (Python's <c>MemoryError</c>).</summary>
    MemoryExceeded,

    /// <summary>The code wrote more than the output cap; reading stopped and the run was killed.</summary>
    OutputExceeded,

    /// <summary>The process died by a signal or exited before reporting the test.</summary>
    Crashed,

    /// <summary>The sandbox could not run at all (no python3, no unshare, namespaces refused); see the detail.</summary>
    SandboxUnavailable,
}
