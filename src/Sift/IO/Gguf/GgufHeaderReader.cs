using System.Buffers.Binary;
using System.Text;

namespace Sift.IO.Gguf;

/// <summary>
/// Little-endian reads of a GGUF header that know their byte offset, so every error names the file,
/// the offset and the field being read, and a file that ends early is called truncated.
/// </summary>
internal sealed class GgufHeaderReader
{
    private readonly Stream _stream;
    private readonly string _path;
    private readonly byte[] _scratch = new byte[8];

    public GgufHeaderReader(Stream stream, string path)
    {
        _stream = stream;
        _path = path;
        Length = stream.Length;
    }

    public long Position { get; private set; }

    public long Length { get; }

    public InvalidDataException Error(long offset, string message) => new($"{_path}: offset {offset}: {message}");

    public byte[] ReadBytes(int count, string field)
    {
        var bytes = new byte[count];
        Fill(bytes, field);
        return bytes;
    }

    public uint ReadUInt32(string field) { Fill(_scratch.AsSpan(0, 4), field); return BinaryPrimitives.ReadUInt32LittleEndian(_scratch); }

    public ulong ReadUInt64(string field) { Fill(_scratch.AsSpan(0, 8), field); return BinaryPrimitives.ReadUInt64LittleEndian(_scratch); }

    /// <summary>A count or length (uint64 in GGUF v2/v3) that must fit what is left of the file at <paramref name="minBytesEach"/> bytes per item.</summary>
    public long ReadCount(string field, long minBytesEach)
    {
        long at = Position;
        ulong n = ReadUInt64(field);
        if (n > (ulong)long.MaxValue || (minBytesEach > 0 && (long)n > (Length - Position) / minBytesEach))
            throw Error(at, $"{field} is {n}, more than the {Length - Position} bytes left in the file can hold (a corrupt or truncated file; fetch the file again)");
        return (long)n;
    }

    public string ReadString(string field)
    {
        long n = ReadCount(field + " (string length)", 1);
        if (n > int.MaxValue) throw Error(Position - 8, $"{field}: string of {n} bytes is too long");
        var bytes = ReadBytes((int)n, field);
        try
        {
            return new UTF8Encoding(false, true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Error(Position - n, $"{field} is not valid UTF-8 (GGUF strings are UTF-8)");
        }
    }

    /// <summary>One metadata value of <paramref name="type"/> (arrays recursively).</summary>
    public GgufValue ReadValue(GgufValueType type, string field)
    {
        long at = Position;
        switch (type)
        {
            case GgufValueType.UInt8: Fill(_scratch.AsSpan(0, 1), field); return GgufValue.Of(_scratch[0]);
            case GgufValueType.Int8: Fill(_scratch.AsSpan(0, 1), field); return GgufValue.Of((sbyte)_scratch[0]);
            case GgufValueType.UInt16: Fill(_scratch.AsSpan(0, 2), field); return GgufValue.Of(BinaryPrimitives.ReadUInt16LittleEndian(_scratch));
            case GgufValueType.Int16: Fill(_scratch.AsSpan(0, 2), field); return GgufValue.Of(BinaryPrimitives.ReadInt16LittleEndian(_scratch));
            case GgufValueType.UInt32: return GgufValue.Of(ReadUInt32(field));
            case GgufValueType.Int32: return GgufValue.Of((int)ReadUInt32(field));
            case GgufValueType.Float32: return GgufValue.Of(BitConverter.UInt32BitsToSingle(ReadUInt32(field)));
            case GgufValueType.Bool:
                Fill(_scratch.AsSpan(0, 1), field);
                if (_scratch[0] > 1) throw Error(at, $"{field}: bool byte is {_scratch[0]} (GGUF bools are 0 or 1)");
                return GgufValue.Of(_scratch[0] == 1);
            case GgufValueType.String: return GgufValue.Of(ReadString(field));
            case GgufValueType.UInt64: return GgufValue.Of(ReadUInt64(field));
            case GgufValueType.Int64: return GgufValue.Of((long)ReadUInt64(field));
            case GgufValueType.Float64: return GgufValue.Of(BitConverter.UInt64BitsToDouble(ReadUInt64(field)));
            case GgufValueType.Array:
                long typeAt = Position;
                uint code = ReadUInt32(field + " (array element type)");
                if (!Enum.IsDefined((GgufValueType)code)) throw Error(typeAt, $"{field}: unknown array element type {code} (GGUF value types are 0..12)");
                var element = (GgufValueType)code;
                long count = ReadCount(field + " (array length)", element is GgufValueType.UInt8 or GgufValueType.Int8 or GgufValueType.Bool ? 1 : 2);
                if (count > int.MaxValue) throw Error(Position - 8, $"{field}: array of {count} items is too long");
                var items = Array.CreateInstance(GgufValue.ClrType(element), (int)count);
                for (int i = 0; i < count; i++)
                {
                    var item = ReadValue(element, $"{field}[{i}]");
                    items.SetValue(element == GgufValueType.Array ? item : item.Value, i);
                }
                return GgufValue.ArrayOf(element, items);
            default:
                throw Error(at, $"{field}: unknown value type {(uint)type} (GGUF value types are 0..12)");
        }
    }

    public void Skip(long count, string field)
    {
        if (count > Length - Position) throw Truncated(field);
        _stream.Seek(count, SeekOrigin.Current);
        Position += count;
    }

    private void Fill(Span<byte> destination, string field)
    {
        if (destination.Length > Length - Position) throw Truncated(field);
        _stream.ReadExactly(destination);
        Position += destination.Length;
    }

    private InvalidDataException Truncated(string field) =>
        Error(Position, $"truncated while reading {field} (the file ends at byte {Length}); the download or copy is incomplete, fetch the file again");
}
