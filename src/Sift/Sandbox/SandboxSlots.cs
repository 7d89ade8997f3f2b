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

    /// <summary>
    /// Returns the uid's slot. After a killed run (<paramref name="killed"/>) the processes of the namespace are
    /// dying but may still count against the uid's RLIMIT_NPROC until the kernel reaps them: wait (up to a
    /// second) until none is left, so the next run on this uid starts with its full process budget.
    /// </summary>
    public static void Release(int uid, bool killed = false)
    {
        if (killed)
        {
            var deadline = Environment.TickCount64 + 1000;
            while (HasProcesses(uid) && Environment.TickCount64 < deadline)
            {
                Thread.Sleep(10);
            }
        }
        Free.Enqueue(uid - BaseUid);
        Gate.Release();
    }

    private static bool HasProcesses(int uid)
    {
        var wanted = uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory.AsSpan());
            if (name.Length == 0 || !char.IsAsciiDigit(name[0])) continue;
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(directory, "status")))
                {
                    if (!line.StartsWith("Uid:", StringComparison.Ordinal)) continue;
                    var fields = line[4..].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                    if (fields.Length > 0 && fields[0] == wanted) return true;
                    break;
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
        return false;
    }
}
