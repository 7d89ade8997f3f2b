namespace Sift.Sandbox;

/// <summary>The verdict of one test case.</summary>
/// <param name="Index">Position of the test in its suite.</param>
/// <param name="Outcome"><see cref="SandboxOutcome.Passed"/> or why not.</param>
/// <param name="Detail">Empty when passed; else e.g. <c>expected 11, got 10</c> or <c>ZeroDivisionError: division by zero</c>.</param>
public sealed record TestCaseResult(int Index, SandboxOutcome Outcome, string Detail)
{
    public bool Passed => Outcome == SandboxOutcome.Passed;
}
