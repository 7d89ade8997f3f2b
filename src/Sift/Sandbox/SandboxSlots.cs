using System.Collections.Concurrent;

namespace Sift.Sandbox;

/// <summary>
/// Concurrent sandboxes each get a uid of their own: RLIMIT_NPROC counts processes per uid, so a fork bomb
/// in one sandbox cannot starve another. The uids are unused numbers far above the system and user ranges,
/// offset by this process's id so two test runs on one machine rarely share one.
/// </summary>
internal static class SandboxSlots
{
    public const int Count = 64;
    private static readonly ConcurrentQueue<int> Free = new(Enumerable.Range(0, Count));
    private static readonly SemaphoreSlim Gate = new(Count, Count);
    private static readonly int BaseUid = 100_000 + (Environment.ProcessId % 30_000) * Count;

    /// <summary>Waits for a free slot and returns its uid.</summary>
    public static int Acquire()
    {
        Gate.Wait();
        if (!Free.TryDequeue(out var slot))
        {
            Gate.Release();
            throw new InvalidOperationException("sandbox slot accounting is broken");
        }
        return BaseUid + slot;
    }

    public static void Release(int uid)
    {
        Free.Enqueue(uid - BaseUid);
        Gate.Release();
    }
}
