using System.Runtime.InteropServices;
using System.Text.Json;

namespace Sift.IO;

/// <summary>Supplies a tensor's float32 data at write time, so big tensors are streamed, never copied.</summary>
public delegate ReadOnlySpan<float> FloatSpanSource();

/// <summary>
/// Writes float32 data as F32, BF16 or F16 tensors to a safetensors file (https://github.com/huggingface/safetensors):
/// an 8-byte little-endian header length, a JSON header padded with spaces to a multiple of 8 bytes,
/// then the raw little-endian data. Tensors are laid out sorted by name; the file is written
/// atomically (<see cref="AtomicFile"/>). Narrowing rounds to nearest even, as PyTorch's
/// <c>tensor.to(torch.bfloat16 / torch.float16)</c> does.
/// </summary>
public sealed class SafetensorsWriter
{
    private readonly Dictionary<string, Entry> _tensors = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _metadata = new(StringComparer.Ordinal);

    private sealed record Entry(long[] Shape, long Count, FloatSpanSource Source, SafetensorsDtype Dtype);

    /// <summary>Number of tensors added so far.</summary>
    public int Count => _tensors.Count;

    /// <summary>Adds a tensor whose data is read from <paramref name="source"/> when <see cref="Save"/> runs, stored as <paramref name="dtype"/> (F32, BF16 or F16).</summary>
    public SafetensorsWriter Add(string name, ReadOnlySpan<long> shape, FloatSpanSource source, SafetensorsDtype dtype = SafetensorsDtype.F32)
    {
        if (dtype is not (SafetensorsDtype.F32 or SafetensorsDtype.BF16 or SafetensorsDtype.F16))
            throw new ArgumentException($"Tensor '{name}': Sift writes F32, BF16 or F16, not {dtype}.", nameof(dtype));
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(source);
        if (name == "__metadata__")
            throw new ArgumentException("'__metadata__' is reserved by the safetensors format.", nameof(name));
        long count = 1;
        foreach (long d in shape)
        {
            if (d < 0)
                throw new ArgumentException($"Tensor '{name}': negative dimension {d}.", nameof(shape));
            count = checked(count * d);
        }
        if (!_tensors.TryAdd(name, new Entry(shape.ToArray(), count, source, dtype)))
            throw new ArgumentException($"Tensor '{name}' was added twice.", nameof(name));
        return this;
    }

    /// <summary>Adds a tensor backed by <paramref name="data"/> (not copied; read when <see cref="Save"/> runs).</summary>
    public SafetensorsWriter Add(string name, ReadOnlySpan<long> shape, ReadOnlyMemory<float> data) =>
        Add(name, shape, () => data.Span);

    /// <summary>Adds a tensor backed by <paramref name="data"/> (not copied; read when <see cref="Save"/> runs).</summary>
    public SafetensorsWriter Add(string name, ReadOnlySpan<long> shape, float[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return Add(name, shape, () => data);
    }

    /// <summary>Sets a <c>__metadata__</c> entry (string to string, as the format requires).</summary>
    public SafetensorsWriter AddMetadata(string key, string value)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _metadata[key] = value;
        return this;
    }

    /// <summary>Writes the file atomically. Each source's span length must equal its shape's element count.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => WriteTo(stream, path));

    /// <summary>Writes the safetensors bytes to <paramref name="stream"/> (not atomic; <see cref="Save"/> is).</summary>
    public void WriteTo(Stream stream) => WriteTo(stream, "<stream>");

    private void WriteTo(Stream stream, string pathForErrors)
    {
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors writing assumes a little-endian machine.");
        var names = _tensors.Keys.ToList();
        names.Sort(StringComparer.Ordinal);

        byte[] header = BuildHeader(names);
        Span<byte> lengthBytes = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(lengthBytes, (ulong)header.Length);
        stream.Write(lengthBytes);
        stream.Write(header);

        foreach (string name in names)
        {
            Entry e = _tensors[name];
            ReadOnlySpan<float> data = e.Source();
            if (data.Length != e.Count)
                throw new InvalidOperationException(
                    $"{pathForErrors}: tensor '{name}' has shape [{string.Join(", ", e.Shape)}] ({e.Count} elements) but its data has {data.Length}.");
            if (e.Dtype != SafetensorsDtype.F32)
            {
                WriteNarrowed(stream, data, e.Dtype);
                continue;
            }
            // Stream in chunks: one huge Write is fine for FileStream, but chunks keep a
            // slow or wrapping stream from buffering the whole tensor.
            ReadOnlySpan<byte> bytes = MemoryMarshal.AsBytes(data);
            const int Chunk = 1 << 22;
            while (bytes.Length > 0)
            {
                int n = Math.Min(Chunk, bytes.Length);
                stream.Write(bytes[..n]);
                bytes = bytes[n..];
            }
        }
    }

    /// <summary>Bytes the data of all tensors takes in the file.</summary>
    public long DataBytes => _tensors.Values.Sum(e => e.Count * SafetensorsDtypes.SizeOf(e.Dtype));

    private static void WriteNarrowed(Stream stream, ReadOnlySpan<float> data, SafetensorsDtype dtype)
    {
        const int Chunk = 1 << 20;
        var buffer = new ushort[Math.Min(Chunk, Math.Max(1, data.Length))];
        while (data.Length > 0)
        {
            int n = Math.Min(Chunk, data.Length);
            for (int i = 0; i < n; i++) buffer[i] = dtype == SafetensorsDtype.BF16 ? ToBFloat16(data[i]) : BitConverter.HalfToUInt16Bits((Half)data[i]);
            stream.Write(MemoryMarshal.AsBytes(buffer.AsSpan(0, n)));
            data = data[n..];
        }
    }

    /// <summary>float32 → bfloat16 bits, round to nearest even (NaN stays a quiet NaN), as c10::BFloat16 does.</summary>
    public static ushort ToBFloat16(float value)
    {
        uint bits = BitConverter.SingleToUInt32Bits(value);
        if (float.IsNaN(value)) return (ushort)((bits >> 16) | 0x0040);
        uint rounding = 0x7FFF + ((bits >> 16) & 1);
        return (ushort)((bits + rounding) >> 16);
    }

    private byte[] BuildHeader(List<string> names)
    {
        using var ms = new MemoryStream();
        using (var json = new Utf8JsonWriter(ms, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            if (_metadata.Count > 0)
            {
                json.WriteStartObject("__metadata__");
                foreach (var (k, v) in _metadata)
                    json.WriteString(k, v);
                json.WriteEndObject();
            }
            long offset = 0;
            foreach (string name in names)
            {
                Entry e = _tensors[name];
                long bytes = checked(e.Count * SafetensorsDtypes.SizeOf(e.Dtype));
                json.WriteStartObject(name);
                json.WriteString("dtype", e.Dtype.ToString());
                json.WriteStartArray("shape");
                foreach (long d in e.Shape)
                    json.WriteNumberValue(d);
                json.WriteEndArray();
                json.WriteStartArray("data_offsets");
                json.WriteNumberValue(offset);
                json.WriteNumberValue(offset + bytes);
                json.WriteEndArray();
                json.WriteEndObject();
                offset += bytes;
            }
            json.WriteEndObject();
        }
        // The format pads the header with spaces so the data starts 8-byte aligned.
        int len = (int)ms.Length;
        int padded = (len + 7) / 8 * 8;
        byte[] header = new byte[padded];
        ms.GetBuffer().AsSpan(0, len).CopyTo(header);
        header.AsSpan(len).Fill((byte)' ');
        return header;
    }
}
