using System.Collections.Concurrent;
using Sift.Data;
using Sift.Sandbox;
using Sift.Data.Code;

namespace Sift.Rewards;

/// <summary>
/// Code execution as a reward (Singh et al. 2023 use it for APPS in ReST-EM, §4): the program extracted from
/// the sample (<see cref="CodeExtraction"/>) is run against the problem's unit tests, kept as JSON in
/// <see cref="MathProblem.Answer"/> (<see cref="PythonTestSuite"/>), in a <see cref="PythonSandbox"/>.
/// Rewarded only when every test passes; the reason is the outcome in snake case (<c>passed</c>,
/// <c>failed</c>, <c>timed_out</c>, <c>memory_exceeded</c>, <c>output_exceeded</c>, <c>crashed</c>,
/// <c>sandbox_unavailable</c>) or <c>no_code</c> for an empty program. Thread-safe: samples are scored in parallel.
/// Verdicts that do not depend on the machine's load (passed, failed, memory, output) are remembered by
/// (program, tests), so the many identical samples of a small model cost one process each.
/// </summary>
public sealed class CodeTestReward(PythonSandbox? sandbox = null, int maxCachedResults = 100_000) : IReward
{
    private readonly ConcurrentDictionary<(string Code, string Tests), SandboxResult> _cache = new();

    /// <summary>The sandbox the tests run in.</summary>
    public PythonSandbox Sandbox { get; } = sandbox ?? new PythonSandbox();

    public string Name => "code_tests";

    public RewardResult Score(MathProblem problem, string sampleText)
    {
        var result = Run(problem, sampleText);
        return result is null
            ? RewardResult.Reject("no_code")
            : new RewardResult(result.Passed, ReasonOf(result.Outcome));
    }

    /// <summary>The full sandbox result for one sample (per-test verdicts), or null when the sample holds no code.</summary>
    public SandboxResult? Run(MathProblem problem, string sampleText)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var code = CodeExtraction.Extract(sampleText ?? "");
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        var key = (code, problem.Answer);
        if (_cache.TryGetValue(key, out var cached))
        {
            return cached;
        }
        var result = Sandbox.Run(code, SuiteOf(problem));
        if ((result.Outcome is SandboxOutcome.Passed or SandboxOutcome.Failed or SandboxOutcome.MemoryExceeded or SandboxOutcome.OutputExceeded)
            && _cache.Count < maxCachedResults)
        {
            _cache.TryAdd(key, result);
        }
        return result;
    }

    /// <summary>The reward reason for an outcome.</summary>
    public static string ReasonOf(SandboxOutcome outcome) => outcome switch
    {
        SandboxOutcome.Passed => "passed",
        SandboxOutcome.Failed => "failed",
        SandboxOutcome.TimedOut => "timed_out",
        SandboxOutcome.MemoryExceeded => "memory_exceeded",
        SandboxOutcome.OutputExceeded => "output_exceeded",
        SandboxOutcome.Crashed => "crashed",
        _ => "sandbox_unavailable",
    };

    /// <summary>Parsed per call (microseconds next to a process start): JSON nodes are not safe to share between threads.</summary>
    private static PythonTestSuite SuiteOf(MathProblem problem)
    {
        try
        {
            return PythonTestSuite.Parse(problem.Answer);
        }
        catch (FormatException e)
        {
            throw new FormatException($"problem {problem.Id}: Answer does not hold code tests: {e.Message}", e);
        }
    }
}
