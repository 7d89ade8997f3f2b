namespace Sift.Sandbox;

/// <summary>
/// Reads one pipe of the sandboxed process into memory, at most <c>cap</c> bytes: past the cap it stops
/// reading and calls <c>onOverflow</c> (which kills the run), so a flood of output costs the caller nothing.
/// </summary>
internal sealed class CappedPipeReader
{
    private readonly object _gate = new();
    private byte[] _buffer = new byte[4096];
    private int _length;
    private readonly Task _pump;

    public CappedPipeReader(Stream pipe, int cap, Action onOverflow)
    {
        _pump = PumpAsync(pipe, cap, onOverflow); // async reads: blocking pool threads would starve parallel scoring
    }

    private volatile bool _overflowed;

    /// <summary>Whether the cap was reached.</summary>
    public bool Overflowed => _overflowed;

    /// <summary>Waits up to <paramref name="timeout"/> for the pipe to close (or the cap to be hit).</summary>
    public bool Wait(TimeSpan timeout) => _pump.Wait(timeout);

    /// <summary>What was read, as UTF-8 (invalid bytes replaced).</summary>
    public string Text()
    {
        lock (_gate)
        {
            return System.Text.Encoding.UTF8.GetString(_buffer, 0, _length);
        }
    }

    private async Task PumpAsync(Stream pipe, int cap, Action onOverflow)
    {
        var chunk = new byte[8192];
        try
        {
            while (true)
            {
                var read = await pipe.ReadAsync(chunk.AsMemory()).ConfigureAwait(false);
                if (read <= 0) return;
                lock (_gate)
                {
                    var room = cap - _length;
                    var take = Math.Min(room, read);
                    if (_length + take > _buffer.Length)
                    {
                        Array.Resize(ref _buffer, Math.Min(cap, Math.Max(_length + take, 2 * _buffer.Length)));
                    }
                    chunk.AsSpan(0, take).CopyTo(_buffer.AsSpan(_length));
                    _length += take;
                    if (read > room)
                    {
                        _overflowed = true;
                    }
                }
                if (_overflowed)
                {
                    onOverflow();
                    return;
                }
            }
        }
        catch (IOException)
        {
            // The pipe broke because the process was killed: what was read stands.
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
