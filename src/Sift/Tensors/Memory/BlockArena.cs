namespace Sift.Tensors.Memory;

/// <summary>
/// Carves named regions out of one <see cref="AlignedBlock"/>: first <see cref="Reserve"/> every
/// region (offsets are 64-byte aligned), then <see cref="Allocate"/> once. Used for activation and
/// cache layouts whose sizes depend on (maxBatch, maxSeq).
/// </summary>
public sealed class BlockArena : IDisposable
{
    private long _next;
    private AlignedBlock? _block;

    /// <summary>Reserves <paramref name="length"/> floats and returns the aligned offset.</summary>
    public long Reserve(long length)
    {
        if (_block is not null) throw new InvalidOperationException("arena already allocated");
        long offset = _next;
        _next = AlignedBlock.RoundUp(offset + length);
        return offset;
    }

    /// <summary>Total floats reserved so far.</summary>
    public long Reserved => _next;

    /// <summary>Allocates the block for everything reserved.</summary>
    public AlignedBlock Allocate() => _block ??= new AlignedBlock(Math.Max(_next, 1));

    public AlignedBlock Block => _block ?? throw new InvalidOperationException("arena not allocated yet");

    public void Dispose() => _block?.Dispose();
}
