namespace Sift.Sandbox;

/// <summary>
/// The result of running one solution against its test suite in one sandboxed process.
/// </summary>
/// <param name="Outcome"><see cref="SandboxOutcome.Passed"/> when every test passed. When the run itself was
/// cut short (time, output, a crash, no sandbox) that reason; otherwise the outcome of the first test that did not pass.</param>
/// <param name="Tests">One verdict per test case, in suite order (tests the run never reached carry the reason it stopped).</param>
/// <param name="Detail">A short human-readable explanation (empty when passed).</param>
/// <param name="Elapsed">Wall-clock time of the run, including process start.</param>
public sealed record SandboxResult(SandboxOutcome Outcome, IReadOnlyList<TestCaseResult> Tests, string Detail, TimeSpan Elapsed)
{
    public bool Passed => Outcome == SandboxOutcome.Passed;

    /// <summary>How many tests passed.</summary>
    public int PassedCount => Tests.Count(t => t.Passed);

    /// <summary>A result where nothing ran, every test carrying <paramref name="outcome"/>.</summary>
    public static SandboxResult NotRun(SandboxOutcome outcome, int testCount, string detail, TimeSpan elapsed = default)
        => new(outcome, Enumerable.Range(0, testCount).Select(i => new TestCaseResult(i, outcome, detail)).ToArray(), detail, elapsed);
}
