using System.Runtime.InteropServices;

namespace Sift.Tensors.Memory;

/// <summary>
/// One 64-byte-aligned native block of floats, allocated once and freed on dispose. The engine
/// keeps parameters, gradients, optimizer moments and activations in a few of these (llm.c style)
/// so that step loops never touch the managed heap and vector loads are aligned.
/// </summary>
public sealed unsafe class AlignedBlock : IDisposable
{
    /// <summary>Alignment of the block start in bytes (one cache line, one Vector512).</summary>
    public const int AlignmentBytes = 64;

    /// <summary>Alignment in floats: offsets that are multiples of this keep vector loads aligned.</summary>
    public const int AlignmentFloats = AlignmentBytes / sizeof(float);

    private float* _pointer;

    /// <param name="length">Number of floats; the block is zero-filled.</param>
    public AlignedBlock(long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (length > int.MaxValue) throw new ArgumentOutOfRangeException(nameof(length), $"{length} floats exceed one span ({int.MaxValue}); split the block");
        Length = (int)length;
        _pointer = (float*)NativeMemory.AlignedAlloc((nuint)Math.Max(1, length) * sizeof(float), AlignmentBytes);
        NativeMemory.Clear(_pointer, (nuint)Math.Max(1, length) * sizeof(float));
        GC.AddMemoryPressure(Math.Max(1, length) * sizeof(float));
    }

    /// <summary>Number of floats.</summary>
    public int Length { get; }

    /// <summary>The raw start pointer (valid until disposed).</summary>
    public float* Pointer => _pointer != null ? _pointer : throw new ObjectDisposedException(nameof(AlignedBlock));

    /// <summary>The whole block.</summary>
    public Span<float> Span => new(Pointer, Length);

    /// <summary>A view of <paramref name="length"/> floats from <paramref name="offset"/>.</summary>
    public Span<float> Slice(long offset, long length)
    {
        if (offset < 0 || length < 0 || offset + length > Length) throw new ArgumentOutOfRangeException(nameof(offset), $"slice [{offset}, {offset + length}) outside block of {Length}");
        return new Span<float>(Pointer + offset, (int)length);
    }

    /// <summary>Rounds <paramref name="floats"/> up to a multiple of <see cref="AlignmentFloats"/>.</summary>
    public static long RoundUp(long floats) => (floats + AlignmentFloats - 1) / AlignmentFloats * AlignmentFloats;

    public void Dispose()
    {
        if (_pointer != null)
        {
            NativeMemory.AlignedFree(_pointer);
            GC.RemoveMemoryPressure(Math.Max(1, Length) * sizeof(float));
            _pointer = null;
        }
        GC.SuppressFinalize(this);
    }

    ~AlignedBlock()
    {
        if (_pointer != null) NativeMemory.AlignedFree(_pointer);
    }
}
