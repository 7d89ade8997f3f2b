using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Sift.IO.Gguf;

/// <summary>
/// A GGUF file (ggml docs/gguf.md, versions 2 and 3, little-endian): the header (magic "GGUF",
/// version, tensor and metadata counts), the metadata key/value pairs in file order, the tensor
/// infos, and the data section at the next multiple of <c>general.alignment</c> (32 when absent).
/// Opening reads the header only and checks that every tensor lies inside the file;
/// <see cref="ReadFloats"/> reads one tensor and dequantises it (F32, F16, BF16, Q8_0). Errors name
/// the file, the byte offset or tensor, and what to do.
/// </summary>
public sealed class GgufFile
{
    /// <summary>"GGUF" as the first four bytes.</summary>
    public static ReadOnlySpan<byte> Magic => "GGUF"u8;

    /// <summary>The alignment when <c>general.alignment</c> is absent (ggml <c>GGUF_DEFAULT_ALIGNMENT</c>).</summary>
    public const int DefaultAlignment = 32;

    /// <summary>ggml's <c>GGML_MAX_DIMS</c>.</summary>
    public const int MaxDimensions = 4;

    private readonly Dictionary<string, GgufTensorInfo> _byName;

    private GgufFile(string path, uint version, IReadOnlyList<KeyValuePair<string, GgufValue>> metadata, IReadOnlyList<GgufTensorInfo> tensors, int alignment, long dataOffset)
    {
        Path = path;
        Version = version;
        MetadataList = metadata;
        Metadata = metadata.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        Tensors = tensors;
        Alignment = alignment;
        DataOffset = dataOffset;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public string Path { get; }

    public uint Version { get; }

    /// <summary>Metadata in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, GgufValue>> MetadataList { get; }

    public IReadOnlyDictionary<string, GgufValue> Metadata { get; }

    /// <summary>Tensor infos in file order.</summary>
    public IReadOnlyList<GgufTensorInfo> Tensors { get; }

    public int Alignment { get; }

    /// <summary>Absolute byte offset of the data section.</summary>
    public long DataOffset { get; }

    public bool Contains(string name) => _byName.ContainsKey(name);

    public GgufTensorInfo GetInfo(string name) => _byName.TryGetValue(name, out var info) ? info
        : throw new KeyNotFoundException($"{Path}: no tensor '{name}' (the file has {Tensors.Count} tensors)");

    /// <summary>Reads the header of the GGUF file at <paramref name="path"/>.</summary>
    public static GgufFile Open(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: GGUF file not found", path);
        using var stream = new BufferedStream(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read), 1 << 16);
        var r = new GgufHeaderReader(stream, path);
        var magic = r.ReadBytes(4, "the magic");
        if (!magic.AsSpan().SequenceEqual(Magic))
        {
            throw r.Error(0, $"bad magic {Convert.ToHexString(magic)} (\"{Printable(magic)}\"), expected \"GGUF\" (47475546): not a GGUF file"
                + (magic.AsSpan().SequenceEqual("ggjt"u8) || magic.AsSpan().SequenceEqual("ggml"u8) || magic.AsSpan().SequenceEqual("ggmf"u8)
                    ? "; this is a pre-GGUF ggml file, convert it with llama.cpp's convert_llama_ggml_to_gguf.py" : ""));
        }
        uint version = r.ReadUInt32("the version");
        if (version is not (2 or 3))
        {
            throw r.Error(4, version == 1
                ? "GGUF version 1 is not supported (its counts are 32-bit); re-convert the model with a current llama.cpp (which writes version 3)"
                : BinaryPrimitives.ReverseEndianness(version) is 2 or 3
                    ? $"version {version} reads as big-endian GGUF {BinaryPrimitives.ReverseEndianness(version)}; Sift reads little-endian files only (convert with llama.cpp on a little-endian machine)"
                    : $"unsupported GGUF version {version} (Sift reads versions 2 and 3)");
        }
        long tensorCount = r.ReadCount("the tensor count", 24);
        long kvCount = r.ReadCount("the metadata count", 12);
        var metadata = new List<KeyValuePair<string, GgufValue>>((int)Math.Min(kvCount, 1 << 16));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < kvCount; i++)
        {
            long at = r.Position;
            string key = r.ReadString($"metadata key #{i}");
            if (!seen.Add(key)) throw r.Error(at, $"metadata key '{key}' appears twice");
            long typeAt = r.Position;
            uint code = r.ReadUInt32($"the type of '{key}'");
            if (!Enum.IsDefined((GgufValueType)code)) throw r.Error(typeAt, $"metadata '{key}' has unknown value type {code} (GGUF value types are 0..12)");
            metadata.Add(new(key, r.ReadValue((GgufValueType)code, $"metadata '{key}'")));
        }
        int alignment = DefaultAlignment;
        var alignEntry = metadata.FirstOrDefault(p => p.Key == "general.alignment");
        if (alignEntry.Value is { } alignValue)
        {
            if (alignValue.Type != GgufValueType.UInt32 || (uint)alignValue.Value == 0 || (uint)alignValue.Value % 8 != 0 || (uint)alignValue.Value > 1 << 20)
                throw new InvalidDataException($"{path}: metadata 'general.alignment' is {alignValue.Type} {alignValue}; GGUF requires a uint32 multiple of 8");
            alignment = (int)(uint)alignValue.Value;
        }
        var tensors = new List<GgufTensorInfo>((int)Math.Min(tensorCount, 1 << 16));
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (long i = 0; i < tensorCount; i++)
        {
            long at = r.Position;
            string name = r.ReadString($"the name of tensor #{i}");
            if (!names.Add(name)) throw r.Error(at, $"tensor '{name}' appears twice");
            long dimsAt = r.Position;
            uint nDims = r.ReadUInt32($"the dimension count of tensor '{name}'");
            if (nDims is 0 or > MaxDimensions) throw r.Error(dimsAt, $"tensor '{name}' has {nDims} dimensions (GGUF allows 1..{MaxDimensions})");
            var dims = new long[nDims];
            for (int d = 0; d < nDims; d++)
            {
                long dAt = r.Position;
                ulong n = r.ReadUInt64($"dimension {d} of tensor '{name}'");
                if (n == 0 || n > int.MaxValue) throw r.Error(dAt, $"tensor '{name}' dimension {d} is {n}");
                dims[d] = (long)n;
            }
            long typeAt = r.Position;
            uint code = r.ReadUInt32($"the type of tensor '{name}'");
            long offsetAt = r.Position;
            ulong offset = r.ReadUInt64($"the data offset of tensor '{name}'");
            if (offset % (ulong)alignment != 0)
                throw r.Error(offsetAt, $"tensor '{name}' data offset {offset} is not a multiple of the alignment {alignment}");
            if (!Enum.IsDefined((GgufTensorType)code))
                throw r.Error(typeAt, $"tensor '{name}' has unknown ggml type code {code}; the file may come from a newer llama.cpp than Sift knows (Sift reads F32, F16, BF16, Q8_0)");
            tensors.Add(new GgufTensorInfo(name, dims, (GgufTensorType)code, (long)offset));
        }
        long dataOffset = (r.Position + alignment - 1) / alignment * alignment;
        foreach (var t in tensors)
        {
            if (!GgufTensorTypes.IsReadable(t.Type)) continue;
            if (t.Type == GgufTensorType.Q8_0 && t.Dimensions[0] % GgufTensorTypes.Q8_0BlockSize != 0)
                throw new InvalidDataException($"{path}: tensor '{t.Name}' is Q8_0 but its row length {t.Dimensions[0]} is not a multiple of {GgufTensorTypes.Q8_0BlockSize}");
            long end = dataOffset + t.Offset + GgufTensorTypes.ByteLength(t.Type, t.ElementCount);
            if (end > r.Length)
                throw new InvalidDataException($"{path}: truncated: tensor '{t.Name}' {t.ShapeText} {t.Type} ends at byte {end} but the file has {r.Length} bytes; the download or copy is incomplete, fetch the file again");
        }
        return new GgufFile(path, version, metadata, tensors, alignment, dataOffset);
    }

    /// <summary>Reads tensor <paramref name="name"/> as float32 in row-major order (dequantising F16, BF16 and Q8_0).</summary>
    public float[] ReadFloats(string name)
    {
        var info = GetInfo(name);
        if (info.ElementCount > Array.MaxLength) throw new NotSupportedException($"{Path}: tensor '{name}' {info.ShapeText} has more elements than an array can hold; use ReadInto");
        var result = new float[info.ElementCount];
        ReadInto(name, result);
        return result;
    }

    /// <summary>
    /// Reads tensor <paramref name="name"/> into <paramref name="destination"/> (exactly its element
    /// count), dequantising in chunks so a tensor of any size needs no second full-size buffer.
    /// </summary>
    public void ReadInto(string name, Span<float> destination)
    {
        var info = GetInfo(name);
        if (!GgufTensorTypes.IsReadable(info.Type))
        {
            throw new NotSupportedException($"{Path}: tensor '{name}' is {info.Type} (ggml type {(uint)info.Type}), which Sift cannot dequantise (it reads F32, F16, BF16 and Q8_0); "
                + "export the model from its original weights as F16/BF16/Q8_0 (llama.cpp convert_hf_to_gguf.py --outtype f16) or requantise with llama-quantize --allow-requantize FILE OUT Q8_0");
        }
        if (destination.Length != info.ElementCount)
            throw new ArgumentException($"{Path}: tensor '{name}' {info.ShapeText} has {info.ElementCount} elements, the destination {destination.Length}", nameof(destination));
        // Chunks of whole blocks (Q8_0: 32 elements), about 4 MB of file bytes each.
        const int ChunkElements = 1 << 20;
        var raw = new byte[GgufTensorTypes.ByteLength(info.Type, Math.Min(ChunkElements, destination.Length))];
        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        stream.Seek(DataOffset + info.Offset, SeekOrigin.Begin);
        for (int start = 0; start < destination.Length; start += ChunkElements)
        {
            int n = Math.Min(ChunkElements, destination.Length - start);
            var bytes = raw.AsSpan(0, (int)GgufTensorTypes.ByteLength(info.Type, n));
            try
            {
                stream.ReadExactly(bytes);
            }
            catch (EndOfStreamException)
            {
                throw new InvalidDataException($"{Path}: truncated: tensor '{name}' ends past the end of the file (it changed since it was opened?); fetch the file again");
            }
            GgufDequantizer.Dequantize(info.Type, bytes, destination.Slice(start, n));
        }
    }

    /// <summary>A metadata value, or null when the key is absent.</summary>
    public GgufValue? Get(string key) => Metadata.TryGetValue(key, out var v) ? v : null;

    /// <summary>A string metadata value; throws naming the key when present with another type.</summary>
    public string? GetString(string key) => Get(key) switch
    {
        null => null,
        { Value: string s } => s,
        var v => throw new InvalidDataException($"{Path}: metadata '{key}' is {v.Type}, expected a string"),
    };

    /// <summary>An integer metadata value of any integer type; throws naming the key when present with another type.</summary>
    public long? GetInteger(string key)
    {
        var v = Get(key);
        if (v is null) return null;
        return v.TryGetInteger(out long l) ? l : throw new InvalidDataException($"{Path}: metadata '{key}' is {v.Type} {v}, expected an integer");
    }

    /// <summary>A numeric metadata value (integer or float); throws naming the key when present with another type.</summary>
    public double? GetNumber(string key)
    {
        var v = Get(key);
        if (v is null) return null;
        return v.TryGetNumber(out double d) ? d : throw new InvalidDataException($"{Path}: metadata '{key}' is {v.Type}, expected a number");
    }

    /// <summary>An array metadata value of element CLR type <typeparamref name="T"/>, or null when absent.</summary>
    public T[]? GetArray<T>(string key) => Get(key) switch
    {
        null => null,
        { Value: T[] a } => a,
        var v => throw new InvalidDataException($"{Path}: metadata '{key}' is {(v.ElementType is { } e ? "an array of " + e : v.Type.ToString())}, expected an array of {typeof(T).Name}"),
    };

    private static string Printable(byte[] bytes) => new(bytes.Select(b => b is >= 32 and < 127 ? (char)b : '.').ToArray());
}
