namespace Sift.Sandbox;

/// <summary>
/// The resource limits of one sandboxed run. The defaults suit the small synthetic code tasks: a correct
/// solution with five tests runs in about 50 ms of an idle machine. The CPU limit is what ends a busy loop
/// (and it does not stretch when the machine is loaded); the wall clock only catches code that sleeps or
/// blocks, so it is generous enough that a correct solution never times out on a loaded 2-core machine.
/// </summary>
public sealed record SandboxLimits
{
    /// <summary>Wall-clock limit for the whole run (all tests); the process tree is killed when it runs out.</summary>
    public TimeSpan WallClock { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>CPU seconds per process (soft RLIMIT_CPU; the hard limit is one more); SIGXCPU ends the run.</summary>
    public int CpuSeconds { get; init; } = 2;

    /// <summary>Address-space limit per process in bytes (RLIMIT_AS); Python raises <c>MemoryError</c> beyond it.</summary>
    public long MemoryBytes { get; init; } = 256L << 20;

    /// <summary>Bytes read from each of stdout and stderr before the run is killed as <see cref="SandboxOutcome.OutputExceeded"/>.</summary>
    public int MaxOutputBytes { get; init; } = 64 << 10;

    /// <summary>Processes the sandbox user may hold at once (RLIMIT_NPROC): what stops a fork bomb.</summary>
    public int MaxProcesses { get; init; } = 16;

    /// <summary>Size of the private tmpfs the code runs in (its only writable directory), in bytes.</summary>
    public long ScratchBytes { get; init; } = 16L << 20;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> naming the first bad field.</summary>
    public void Validate()
    {
        if (WallClock <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(WallClock), WallClock, "must be positive");
        ArgumentOutOfRangeException.ThrowIfLessThan(CpuSeconds, 1, nameof(CpuSeconds));
        ArgumentOutOfRangeException.ThrowIfLessThan(MemoryBytes, 32L << 20, nameof(MemoryBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOutputBytes, 1024, nameof(MaxOutputBytes));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxProcesses, 2, nameof(MaxProcesses));
        ArgumentOutOfRangeException.ThrowIfLessThan(ScratchBytes, 64L << 10, nameof(ScratchBytes));
    }
}
