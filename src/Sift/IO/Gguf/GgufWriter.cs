using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace Sift.IO.Gguf;

/// <summary>
/// Writes a GGUF version 3 file (ggml docs/gguf.md): magic, version, counts, the metadata in the
/// order added, the tensor infos in the order added, then each tensor's data at a multiple of the
/// alignment (<c>general.alignment</c> when set, else 32), zero-padded. Tensors are float32 data
/// stored as F32, F16 or BF16 (round to nearest even, as ggml's <c>ggml_fp32_to_fp16</c> /
/// <c>ggml_fp32_to_bf16</c>) or Q8_0 (<see cref="GgufQuantizer"/>). The file is written atomically.
/// </summary>
public sealed class GgufWriter
{
    private readonly List<KeyValuePair<string, GgufValue>> _metadata = [];
    private readonly List<Entry> _tensors = [];

    private sealed record Entry(string Name, long[] Shape, long Count, FloatSpanSource Source, GgufTensorType Type);

    /// <summary>Adds (or replaces, keeping its place) a metadata entry.</summary>
    public GgufWriter Add(string key, GgufValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        if (key == "general.alignment" && (value.Type != GgufValueType.UInt32 || (uint)value.Value == 0 || (uint)value.Value % 8 != 0))
            throw new ArgumentException("general.alignment must be a uint32 multiple of 8", nameof(value));
        int i = _metadata.FindIndex(p => p.Key == key);
        if (i >= 0) _metadata[i] = new(key, value);
        else _metadata.Add(new(key, value));
        return this;
    }

    /// <summary>Adds a tensor of row-major <paramref name="shape"/> whose float32 data is read from <paramref name="source"/> when the file is written.</summary>
    public GgufWriter AddTensor(string name, ReadOnlySpan<long> shape, FloatSpanSource source, GgufTensorType type = GgufTensorType.F32)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(source);
        if (!GgufTensorTypes.IsWritable(type)) throw new ArgumentException($"tensor '{name}': Sift writes F32, F16, BF16 or Q8_0, not {type}", nameof(type));
        if (shape.Length is 0 or > GgufFile.MaxDimensions) throw new ArgumentException($"tensor '{name}': {shape.Length} dimensions (GGUF allows 1..{GgufFile.MaxDimensions})", nameof(shape));
        long count = 1;
        foreach (long d in shape)
        {
            if (d <= 0) throw new ArgumentException($"tensor '{name}': dimension {d}", nameof(shape));
            count = checked(count * d);
        }
        if (type == GgufTensorType.Q8_0 && shape[^1] % GgufTensorTypes.Q8_0BlockSize != 0)
            throw new ArgumentException($"tensor '{name}': Q8_0 needs rows of a multiple of {GgufTensorTypes.Q8_0BlockSize} elements, not {shape[^1]}", nameof(shape));
        if (_tensors.Any(t => t.Name == name)) throw new ArgumentException($"tensor '{name}' was added twice", nameof(name));
        _tensors.Add(new Entry(name, shape.ToArray(), count, source, type));
        return this;
    }

    /// <summary>Adds a tensor backed by <paramref name="data"/>.</summary>
    public GgufWriter AddTensor(string name, ReadOnlySpan<long> shape, float[] data, GgufTensorType type = GgufTensorType.F32)
    {
        ArgumentNullException.ThrowIfNull(data);
        return AddTensor(name, shape, () => data, type);
    }

    /// <summary>Writes the file atomically.</summary>
    public void Save(string path) => AtomicFile.Write(path, stream => WriteTo(stream, path));

    /// <summary>Writes the GGUF bytes to <paramref name="stream"/> (not atomic; <see cref="Save"/> is).</summary>
    public void WriteTo(Stream stream) => WriteTo(stream, "<stream>");

    private void WriteTo(Stream stream, string pathForErrors)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("GGUF writing assumes a little-endian machine.");
        int alignment = _metadata.FirstOrDefault(p => p.Key == "general.alignment").Value is { } a ? (int)(uint)a.Value : GgufFile.DefaultAlignment;
        using var header = new MemoryStream();
        using (var w = new BinaryWriter(header, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(GgufFile.Magic);
            w.Write(3u);
            w.Write((ulong)_tensors.Count);
            w.Write((ulong)_metadata.Count);
            foreach (var (key, value) in _metadata)
            {
                WriteString(w, key);
                w.Write((uint)value.Type);
                WriteValue(w, value);
            }
            long offset = 0;
            foreach (var t in _tensors)
            {
                WriteString(w, t.Name);
                w.Write((uint)t.Shape.Length);
                for (int d = t.Shape.Length - 1; d >= 0; d--) w.Write((ulong)t.Shape[d]); // ggml ne: fastest first
                w.Write((uint)t.Type);
                w.Write((ulong)offset);
                offset = Align(offset + GgufTensorTypes.ByteLength(t.Type, t.Count), alignment);
            }
        }
        header.Write(new byte[Align(header.Length, alignment) - header.Length]);
        header.Position = 0;
        header.CopyTo(stream);
        foreach (var t in _tensors)
        {
            var data = t.Source();
            if (data.Length != t.Count)
                throw new InvalidOperationException($"{pathForErrors}: tensor '{t.Name}' has shape [{string.Join(", ", t.Shape)}] ({t.Count} elements) but its data has {data.Length}");
            long bytes = GgufTensorTypes.ByteLength(t.Type, t.Count);
            if (t.Type == GgufTensorType.F32)
            {
                stream.Write(MemoryMarshal.AsBytes(data));
            }
            else if (t.Type == GgufTensorType.Q8_0)
            {
                stream.Write(GgufQuantizer.QuantizeQ8_0(data));
            }
            else
            {
                var buffer = new byte[2 * Math.Min(data.Length, 1 << 20)];
                for (int start = 0; start < data.Length; start += buffer.Length / 2)
                {
                    int n = Math.Min(buffer.Length / 2, data.Length - start);
                    for (int i = 0; i < n; i++)
                    {
                        ushort bits = t.Type == GgufTensorType.BF16 ? SafetensorsWriter.ToBFloat16(data[start + i]) : BitConverter.HalfToUInt16Bits((Half)data[start + i]);
                        BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(2 * i), bits);
                    }
                    stream.Write(buffer, 0, 2 * n);
                }
            }
            stream.Write(new byte[Align(bytes, alignment) - bytes]);
        }
    }

    private static long Align(long n, int alignment) => (n + alignment - 1) / alignment * alignment;

    private static void WriteString(BinaryWriter w, string s)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        w.Write((ulong)bytes.Length);
        w.Write(bytes);
    }

    private static void WriteValue(BinaryWriter w, GgufValue value)
    {
        switch (value.Value)
        {
            case byte b: w.Write(b); break;
            case sbyte sb: w.Write(sb); break;
            case ushort us: w.Write(us); break;
            case short s: w.Write(s); break;
            case uint ui: w.Write(ui); break;
            case int i: w.Write(i); break;
            case float f: w.Write(f); break;
            case bool bo: w.Write((byte)(bo ? 1 : 0)); break;
            case string str: WriteString(w, str); break;
            case ulong ul: w.Write(ul); break;
            case long l: w.Write(l); break;
            case double d: w.Write(d); break;
            case Array items:
                var element = value.ElementType ?? throw new ArgumentException("an array value needs its element type");
                w.Write((uint)element);
                w.Write((ulong)items.Length);
                foreach (object? item in items)
                {
                    WriteValue(w, item as GgufValue ?? new GgufValue(element, item!));
                }
                break;
            default:
                throw new ArgumentException($"GGUF cannot store a {value.Value.GetType().Name}");
        }
    }
}
