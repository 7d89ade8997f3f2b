using System.Diagnostics;
using Sift.Sandbox;
using static Sift.Tests.Sandbox.SandboxFixture;
using Sift.Data.Code;

namespace Sift.Tests.Sandbox;

public sealed class PythonSandboxTests
{
    private static readonly PythonTestSuite Linear = Suite("f",
        PythonTestCase.Of(5, 1), PythonTestCase.Of(2, 0), PythonTestCase.Of(32, 10), PythonTestCase.Of(-7, -3));

    [SkippableFact]
    public void A_correct_solution_passes_every_test()
    {
        RequireSandbox();
        var result = Runner.Run("def f(x):\n    return x * 3 + 2\n", Linear);
        Assert.True(result.Passed, result.Detail);
        Assert.Equal(4, result.PassedCount);
        Assert.All(result.Tests, t => Assert.Equal(SandboxOutcome.Passed, t.Outcome));
    }

    [SkippableFact]
    public void A_wrong_answer_fails_with_expected_and_actual_values()
    {
        RequireSandbox();
        var result = Runner.Run("def f(x):\n    return x * 3 + 2 if x != 10 else 0\n", Linear);
        Assert.Equal(SandboxOutcome.Failed, result.Outcome);
        Assert.Equal([true, true, false, true], result.Tests.Select(t => t.Passed));
        Assert.Equal("expected 32, got 0", result.Tests[2].Detail);
        Assert.StartsWith("test 2:", result.Detail, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void An_exception_fails_only_its_test_and_printing_does_not_matter()
    {
        RequireSandbox();
        const string code = "import sys\ndef f(x):\n    print('debug', x)\n    print('noise', file=sys.stderr)\n    return 10 // x + 0 * x\n";
        var suite = Suite("f", PythonTestCase.Of(10, 1), PythonTestCase.Of(0, 0), PythonTestCase.Of(5, 2));
        var result = Runner.Run(code, suite);
        Assert.Equal(SandboxOutcome.Failed, result.Outcome);
        Assert.True(result.Tests[0].Passed);
        Assert.Contains("ZeroDivisionError", result.Tests[1].Detail, StringComparison.Ordinal);
        Assert.True(result.Tests[2].Passed);
    }

    [SkippableFact]
    public void Syntax_errors_missing_functions_and_unserialisable_values_fail_cleanly()
    {
        RequireSandbox();
        var syntax = Runner.Run("def f(x)\n    return x\n", Linear);
        Assert.Equal(SandboxOutcome.Failed, syntax.Outcome);
        Assert.All(syntax.Tests, t => Assert.Contains("SyntaxError", t.Detail, StringComparison.Ordinal));

        var missing = Runner.Run("def g(x):\n    return x\n", Linear);
        Assert.Equal(SandboxOutcome.Failed, missing.Outcome);
        Assert.Contains("no function named f", missing.Detail, StringComparison.Ordinal);

        var exits = Runner.Run("import sys\nsys.exit(0)\n", Linear);
        Assert.Equal(SandboxOutcome.Failed, exits.Outcome);
        Assert.Contains("SystemExit", exits.Detail, StringComparison.Ordinal);

        var set = Runner.Run("def f(x):\n    return {x}\n", Linear);
        Assert.Equal(SandboxOutcome.Failed, set.Outcome);
        Assert.Contains("not JSON serializable", set.Tests[0].Detail, StringComparison.Ordinal);

        var hardExit = Runner.Run("import os\ndef f(x):\n    os._exit(0)\n", Linear);
        Assert.Equal(SandboxOutcome.Crashed, hardExit.Outcome);
    }

    [SkippableFact]
    public void Booleans_are_not_numbers_and_tuples_equal_lists()
    {
        RequireSandbox();
        var suite = Suite("f", PythonTestCase.Of(new[] { 1, 2 }, 1), PythonTestCase.Of(1, 0));
        var result = Runner.Run("def f(x):\n    return (1, 2) if x else True\n", suite);
        Assert.True(result.Tests[0].Passed, result.Tests[0].Detail);
        Assert.False(result.Tests[1].Passed);
    }

    [SkippableFact]
    public void An_infinite_loop_times_out_within_the_limits()
    {
        RequireSandbox();
        var watch = Stopwatch.StartNew();
        var result = Runner.Run("def f(x):\n    while True:\n        pass\n", Linear);
        Assert.Equal(SandboxOutcome.TimedOut, result.Outcome);
        Assert.All(result.Tests, t => Assert.Equal(SandboxOutcome.TimedOut, t.Outcome));
        Assert.True(watch.Elapsed < Deadline(Runner), $"took {watch.Elapsed}");
    }

    [SkippableFact]
    public void A_sleeping_process_is_killed_at_the_wall_clock_limit()
    {
        RequireSandbox();
        var watch = Stopwatch.StartNew();
        var result = Quick.Run("import time\ndef f(x):\n    if x == 10:\n        time.sleep(60)\n    return x * 3 + 2\n", Linear);
        Assert.Equal(SandboxOutcome.TimedOut, result.Outcome);
        Assert.Contains("wall-clock", result.Detail, StringComparison.Ordinal);
        // Tests reported before the hang keep their verdicts (on a saturated machine python may not even
        // have reached them within the 4 s, hence "not failed" rather than "passed").
        Assert.All(result.Tests.Take(2), t => Assert.Contains(t.Outcome, new[] { SandboxOutcome.Passed, SandboxOutcome.TimedOut }));
        Assert.Equal(SandboxOutcome.TimedOut, result.Tests[2].Outcome);
        Assert.Equal(SandboxOutcome.TimedOut, result.Tests[3].Outcome);
        Assert.True(watch.Elapsed < Deadline(Quick), $"took {watch.Elapsed}");
    }

    [SkippableFact]
    public void The_process_cap_stops_forking_at_the_limit()
    {
        RequireSandbox();
        // Harmless variant of a fork bomb: children sleep briefly and exit; the parent counts successful forks.
        const string code = """
            import os, time
            def f(x):
                n = 0
                try:
                    while n < 200:
                        if os.fork() == 0:
                            time.sleep(0.5)
                            os._exit(0)
                        n += 1
                except OSError:
                    pass
                return n
            """;
        var result = Runner.Run(code, Suite("f", PythonTestCase.Of(Short.MaxProcesses - 1, 0)));
        Assert.True(result.Passed, result.Detail);
    }

    [SkippableFact]
    public void A_fork_bomb_fails_its_test_within_the_limits_and_leaves_nothing_behind()
    {
        RequireSandbox();
        const string code = """
            import os
            def f(x):
                while True:
                    try:
                        os.fork()
                    except OSError:
                        pass
            """;
        var watch = Stopwatch.StartNew();
        var result = Quick.Run(code, Linear);
        Assert.False(result.Passed);
        Assert.Contains(result.Outcome, new[] { SandboxOutcome.TimedOut, SandboxOutcome.Crashed });
        Assert.True(watch.Elapsed < Deadline(Quick), $"took {watch.Elapsed}");
        // Every forked process held the output pipes: the run only returns once they are all dead.
        var after = Runner.Run("def f(x):\n    return x * 3 + 2\n", Linear);
        Assert.True(after.Passed, after.Detail);
    }

    [SkippableFact]
    public void A_10_GB_allocation_fails_with_memory_exceeded()
    {
        RequireSandbox();
        var watch = Stopwatch.StartNew();
        var result = Runner.Run("def f(x):\n    block = bytearray(10 * 1024 ** 3)\n    return len(block)\n", Linear);
        Assert.Equal(SandboxOutcome.MemoryExceeded, result.Outcome);
        Assert.All(result.Tests, t => Assert.Equal(SandboxOutcome.MemoryExceeded, t.Outcome));
        Assert.True(watch.Elapsed < Deadline(Runner), $"took {watch.Elapsed}");

        var atLoad = Runner.Run("hog = [0] * (10 ** 10)\ndef f(x):\n    return x\n", Linear);
        Assert.Equal(SandboxOutcome.MemoryExceeded, atLoad.Outcome);
    }

    [SkippableFact]
    public void A_network_call_fails_its_test()
    {
        RequireSandbox();
        const string code = """
            import socket
            def f(host):
                with socket.create_connection((host, 80), timeout=1):
                    return "connected"
            """;
        var suite = Suite("f", PythonTestCase.Of("connected", "1.1.1.1"), PythonTestCase.Of("connected", "127.0.0.1"));
        var watch = Stopwatch.StartNew();
        var result = Runner.Run(code, suite);
        Assert.Equal(SandboxOutcome.Failed, result.Outcome);
        Assert.Contains("unreachable", result.Tests[0].Detail, StringComparison.OrdinalIgnoreCase);
        Assert.False(result.Tests[1].Passed);
        Assert.True(watch.Elapsed < Deadline(Runner), $"took {watch.Elapsed}");
    }

    [SkippableFact]
    public void Writing_outside_the_temporary_directory_fails_and_leaves_no_file()
    {
        RequireSandbox();
        const string code = """
            def f(path):
                with open(path, "w") as handle:
                    handle.write("escaped")
                return "written"
            """;
        var name = "sift-escape-" + Guid.NewGuid().ToString("N");
        string[] outside = ["/tmp/" + name, "/var/tmp/" + name, "/dev/shm/" + name, "/" + name, "/root/" + name];
        var tests = new List<PythonTestCase> { PythonTestCase.Of("written", "inside.txt") };
        tests.AddRange(outside.Select(p => PythonTestCase.Of("written", p)));
        var result = Runner.Run(code, Suite("f", [.. tests]));
        Assert.True(result.Tests[0].Passed, result.Tests[0].Detail);
        for (var i = 1; i < tests.Count; i++)
        {
            Assert.Equal(SandboxOutcome.Failed, result.Tests[i].Outcome);
            Assert.Contains("Error", result.Tests[i].Detail, StringComparison.Ordinal);
        }
        Assert.All(outside, p => Assert.False(File.Exists(p), p));
    }

    [SkippableFact]
    public void Every_run_gets_a_fresh_directory()
    {
        RequireSandbox();
        const string code = """
            import os
            def f(x):
                existed = os.path.exists("state.txt")
                open("state.txt", "w").write("x")
                return existed
            """;
        var suite = Suite("f", PythonTestCase.Of(false, 0));
        Assert.True(Runner.Run(code, suite).Passed);
        Assert.True(Runner.Run(code, suite).Passed);
    }

    [SkippableFact]
    public void Output_beyond_the_cap_stops_the_run()
    {
        RequireSandbox();
        var watch = Stopwatch.StartNew();
        var printer = Runner.Run("def f(x):\n    while True:\n        print('x' * 1000)\n", Linear);
        Assert.Equal(SandboxOutcome.OutputExceeded, printer.Outcome);
        var huge = Runner.Run("def f(x):\n    return 'y' * 1000000\n", Linear);
        Assert.Equal(SandboxOutcome.OutputExceeded, huge.Outcome);
        Assert.True(watch.Elapsed < 2 * Deadline(Runner), $"took {watch.Elapsed}");
    }

    [Fact]
    public void A_missing_interpreter_is_a_sandbox_unavailable_value()
    {
        var host = SandboxHost.Find("/nonexistent-sift-dir");
        Assert.False(host.Available);
        Assert.Contains("python3 not found on PATH", host.Problem, StringComparison.Ordinal);
        var result = new PythonSandbox(Short, host).Run("def f(x):\n    return x\n", Linear);
        Assert.Equal(SandboxOutcome.SandboxUnavailable, result.Outcome);
        Assert.Equal(4, result.Tests.Count);
        Assert.All(result.Tests, t => Assert.Equal(SandboxOutcome.SandboxUnavailable, t.Outcome));
    }

    [SkippableFact]
    public void Parallel_runs_are_independent()
    {
        RequireSandbox();
        var results = new SandboxResult[8];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var code = i % 2 == 0 ? "def f(x):\n    return x * 3 + 2\n" : "def f(x):\n    return x\n";
            results[i] = Runner.Run(code, Linear);
        });
        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0, results[i].Passed);
        }
    }
}
