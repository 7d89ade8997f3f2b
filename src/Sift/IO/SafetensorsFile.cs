using System.Buffers;
using System.Buffers.Binary;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Sift.IO;

/// <summary>
/// A safetensors file opened for reading (https://github.com/huggingface/safetensors). The header is
/// parsed and validated on open; tensor data is read on demand with positioned reads straight into
/// the caller's buffer, so a large checkpoint is never loaded into one array.
/// </summary>
public sealed class SafetensorsFile : IDisposable
{
    /// <summary>The reference implementation refuses headers above 100 MB; so do we.</summary>
    public const long MaxHeaderBytes = 100_000_000;

    private const string Advice =
        "re-save the checkpoint with save_pretrained(..., safe_serialization=True) or safetensors.torch.save_file, or point to the right file";

    private readonly SafeFileHandle _handle;
    private readonly Dictionary<string, SafetensorsTensorInfo> _byName;

    /// <summary>Path the file was opened from.</summary>
    public string Path { get; }

    /// <summary>The header's <c>__metadata__</c> (empty when absent).</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>All tensors, in the order of their data in the file.</summary>
    public IReadOnlyList<SafetensorsTensorInfo> Tensors { get; }

    private SafetensorsFile(string path, SafeFileHandle handle, Dictionary<string, string> metadata, List<SafetensorsTensorInfo> tensors)
    {
        Path = path;
        _handle = handle;
        Metadata = metadata;
        Tensors = tensors;
        _byName = tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    /// <summary>Opens and validates <paramref name="path"/>. Throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static SafetensorsFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("safetensors reading assumes a little-endian machine.");
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such safetensors file.", path);
        SafeFileHandle handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.RandomAccess);
        try
        {
            var (metadata, tensors) = ReadHeader(path, handle);
            return new SafetensorsFile(path, handle, metadata, tensors);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Whether a tensor of this name exists.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>Looks a tensor up by name.</summary>
    public bool TryGetInfo(string name, out SafetensorsTensorInfo info) => _byName.TryGetValue(name, out info!);

    /// <summary>The tensor named <paramref name="name"/>; throws <see cref="KeyNotFoundException"/> naming the file when absent.</summary>
    public SafetensorsTensorInfo GetInfo(string name) =>
        _byName.TryGetValue(name, out var info)
            ? info
            : throw new KeyNotFoundException($"{Path}: no tensor named '{name}' (the file holds {_byName.Count} tensors{SomeNames()}).");

    /// <summary>Reads a tensor converted to a new float32 array (F32, F16, BF16, F64 and integer dtypes).</summary>
    public float[] ReadFloats(string name)
    {
        var info = GetInfo(name);
        if (info.ElementCount > Array.MaxLength)
            throw new InvalidOperationException($"{Path}: tensor '{name}' has {info.ElementCount} elements, too many for one array; use ReadInto with a larger buffer.");
        var result = new float[info.ElementCount];
        ReadInto(name, result);
        return result;
    }

    /// <summary>
    /// Reads tensor <paramref name="name"/> into <paramref name="destination"/> (length must equal its element
    /// count), converting F16, BF16, F64 and integer types to float32.
    /// </summary>
    public void ReadInto(string name, Span<float> destination)
    {
        var info = GetInfo(name);
        if (destination.Length != info.ElementCount)
            throw new ArgumentException(
                $"{Path}: tensor '{name}' has shape {info.ShapeText} ({info.ElementCount} elements) but the destination holds {destination.Length}.",
                nameof(destination));
        if (info.Dtype == SafetensorsDtype.F32)
        {
            ReadExactly(info.DataOffset, MemoryMarshal.AsBytes(destination), name);
            return;
        }
        if (!SafetensorsDtypes.ConvertsToFloat(info.Dtype))
            throw new NotSupportedException($"{Path}: tensor '{name}' has dtype {info.Dtype}, which Sift cannot convert to float32.");

        int size = SafetensorsDtypes.SizeOf(info.Dtype);
        const int ChunkElements = 1 << 18;
        byte[] buffer = ArrayPool<byte>.Shared.Rent(ChunkElements * size);
        try
        {
            long offset = info.DataOffset;
            while (destination.Length > 0)
            {
                int n = Math.Min(ChunkElements, destination.Length);
                Span<byte> raw = buffer.AsSpan(0, n * size);
                ReadExactly(offset, raw, name);
                Convert(info.Dtype, raw, destination[..n]);
                destination = destination[n..];
                offset += raw.Length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _handle.Dispose();

    private static void Convert(SafetensorsDtype dtype, ReadOnlySpan<byte> raw, Span<float> dst)
    {
        switch (dtype)
        {
            case SafetensorsDtype.F16:
                TensorPrimitives.ConvertToSingle(MemoryMarshal.Cast<byte, Half>(raw), dst);
                break;
            case SafetensorsDtype.BF16:
            {
                // bfloat16 is the top half of a float32: shift its bits into place.
                ReadOnlySpan<ushort> src = MemoryMarshal.Cast<byte, ushort>(raw);
                Span<uint> bits = MemoryMarshal.Cast<float, uint>(dst);
                for (int i = 0; i < src.Length; i++)
                    bits[i] = (uint)src[i] << 16;
                break;
            }
            case SafetensorsDtype.F64:
            {
                ReadOnlySpan<double> src = MemoryMarshal.Cast<byte, double>(raw);
                for (int i = 0; i < src.Length; i++)
                    dst[i] = (float)src[i];
                break;
            }
            case SafetensorsDtype.I64:
            {
                ReadOnlySpan<long> src = MemoryMarshal.Cast<byte, long>(raw);
                for (int i = 0; i < src.Length; i++)
                    dst[i] = src[i];
                break;
            }
            case SafetensorsDtype.I32:
            {
                ReadOnlySpan<int> src = MemoryMarshal.Cast<byte, int>(raw);
                for (int i = 0; i < src.Length; i++)
                    dst[i] = src[i];
                break;
            }
            case SafetensorsDtype.I16:
            {
                ReadOnlySpan<short> src = MemoryMarshal.Cast<byte, short>(raw);
                for (int i = 0; i < src.Length; i++)
                    dst[i] = src[i];
                break;
            }
            case SafetensorsDtype.I8:
                for (int i = 0; i < raw.Length; i++)
                    dst[i] = (sbyte)raw[i];
                break;
            case SafetensorsDtype.U8:
            case SafetensorsDtype.BOOL:
                for (int i = 0; i < raw.Length; i++)
                    dst[i] = raw[i];
                break;
            default:
                throw new NotSupportedException($"dtype {dtype} cannot be converted to float32.");
        }
    }

    private void ReadExactly(long offset, Span<byte> destination, string name)
    {
        while (destination.Length > 0)
        {
            int n = RandomAccess.Read(_handle, destination, offset);
            if (n <= 0)
                throw new InvalidDataException($"{Path}: the file ended while reading tensor '{name}' (was it truncated while being copied?); {Advice}.");
            destination = destination[n..];
            offset += n;
        }
    }

    private string SomeNames()
    {
        var names = _byName.Keys.Order(StringComparer.Ordinal).Take(5).ToList();
        return names.Count == 0 ? "" : ", e.g. " + string.Join(", ", names.Select(n => $"'{n}'"));
    }

    private static (Dictionary<string, string>, List<SafetensorsTensorInfo>) ReadHeader(string path, SafeFileHandle handle)
    {
        long fileLength = RandomAccess.GetLength(handle);
        Span<byte> prefix = stackalloc byte[8];
        int got = ReadAt(handle, prefix, 0);
        if (got < 8)
            throw NotSafetensors(path, $"it is only {fileLength} bytes long", prefix[..got]);
        ulong headerLength = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (headerLength < 2 || headerLength > MaxHeaderBytes || headerLength > (ulong)(fileLength - 8))
        {
            string why = headerLength > (ulong)(fileLength - 8) && headerLength <= MaxHeaderBytes
                ? $"its header claims {headerLength} bytes but only {fileLength - 8} follow (the file looks truncated)"
                : $"its first 8 bytes give an impossible header length {headerLength}";
            throw NotSafetensors(path, why, prefix);
        }

        byte[] headerBytes = new byte[headerLength];
        if (ReadAt(handle, headerBytes, 8) != headerBytes.Length)
            throw NotSafetensors(path, "the header could not be read in full (the file looks truncated)", prefix);
        if (headerBytes[0] != (byte)'{')
            throw NotSafetensors(path, "the header does not start with '{'", prefix);

        long dataStart = 8 + (long)headerLength;
        long dataLength = fileLength - dataStart;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var tensors = new List<SafetensorsTensorInfo>();
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(headerBytes.AsMemory().TrimEnd((byte)' '));
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: the safetensors header is not valid JSON ({ex.Message}); the file is damaged or not a safetensors file; {Advice}.", ex);
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw Bad(path, "the header is not a JSON object");
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty prop in doc.RootElement.EnumerateObject())
            {
                if (!seen.Add(prop.Name))
                    throw Bad(path, $"the header names '{prop.Name}' twice");
                if (prop.Name == "__metadata__")
                {
                    if (prop.Value.ValueKind != JsonValueKind.Object)
                        throw Bad(path, "'__metadata__' is not a JSON object");
                    foreach (JsonProperty m in prop.Value.EnumerateObject())
                    {
                        if (m.Value.ValueKind != JsonValueKind.String)
                            throw Bad(path, $"'__metadata__.{m.Name}' is not a string (the format allows only string values)");
                        metadata[m.Name] = m.Value.GetString()!;
                    }
                    continue;
                }
                tensors.Add(ParseTensor(path, prop, dataStart, dataLength));
            }
        }

        // Tensors must not share bytes: a file where they do is corrupt or hostile.
        tensors.Sort((a, b) => a.DataOffset != b.DataOffset ? a.DataOffset.CompareTo(b.DataOffset) : a.ByteLength.CompareTo(b.ByteLength));
        for (int i = 1; i < tensors.Count; i++)
        {
            var prev = tensors[i - 1];
            if (tensors[i].DataOffset < prev.DataOffset + prev.ByteLength)
                throw Bad(path, $"tensors '{prev.Name}' and '{tensors[i].Name}' overlap (data_offsets [{prev.DataOffset - dataStart}, {prev.DataOffset - dataStart + prev.ByteLength}] and [{tensors[i].DataOffset - dataStart}, {tensors[i].DataOffset - dataStart + tensors[i].ByteLength}])");
        }
        return (metadata, tensors);
    }

    private static SafetensorsTensorInfo ParseTensor(string path, JsonProperty prop, long dataStart, long dataLength)
    {
        string name = prop.Name;
        JsonElement e = prop.Value;
        if (e.ValueKind != JsonValueKind.Object)
            throw Bad(path, $"tensor '{name}': entry is not a JSON object");
        if (!e.TryGetProperty("dtype", out JsonElement dtypeEl) || dtypeEl.ValueKind != JsonValueKind.String)
            throw Bad(path, $"tensor '{name}': missing or non-string 'dtype'");
        string dtypeText = dtypeEl.GetString()!;
        if (!SafetensorsDtypes.TryParse(dtypeText, out SafetensorsDtype dtype))
            throw Bad(path, $"tensor '{name}': unknown dtype '{dtypeText}' (known: {string.Join(", ", Enum.GetNames<SafetensorsDtype>())})");
        if (!e.TryGetProperty("shape", out JsonElement shapeEl) || shapeEl.ValueKind != JsonValueKind.Array)
            throw Bad(path, $"tensor '{name}': missing or non-array 'shape'");
        var shape = new long[shapeEl.GetArrayLength()];
        long count = 1;
        int k = 0;
        foreach (JsonElement d in shapeEl.EnumerateArray())
        {
            if (d.ValueKind != JsonValueKind.Number || !d.TryGetInt64(out long dim) || dim < 0)
                throw Bad(path, $"tensor '{name}': shape entry {k} is not a non-negative integer");
            shape[k++] = dim;
            try
            {
                count = checked(count * dim);
            }
            catch (OverflowException)
            {
                throw Bad(path, $"tensor '{name}': shape {shapeEl.GetRawText()} is too large");
            }
        }
        if (!e.TryGetProperty("data_offsets", out JsonElement offEl) || offEl.ValueKind != JsonValueKind.Array || offEl.GetArrayLength() != 2)
            throw Bad(path, $"tensor '{name}': missing 'data_offsets' or it is not a [begin, end] pair");
        if (!offEl[0].TryGetInt64(out long begin) || !offEl[1].TryGetInt64(out long end) || begin < 0 || end < begin)
            throw Bad(path, $"tensor '{name}': data_offsets {offEl.GetRawText()} are not 0 <= begin <= end");
        if (end > dataLength)
            throw Bad(path, $"tensor '{name}': data_offsets end {end} lies past the end of the data ({dataLength} bytes; the file looks truncated)");
        long expected;
        try
        {
            expected = checked(count * SafetensorsDtypes.SizeOf(dtype));
        }
        catch (OverflowException)
        {
            throw Bad(path, $"tensor '{name}': shape {shapeEl.GetRawText()} is too large");
        }
        if (end - begin != expected)
            throw Bad(path, $"tensor '{name}': shape {shapeEl.GetRawText()} of {dtype} needs {expected} bytes but data_offsets {offEl.GetRawText()} span {end - begin}");
        return new SafetensorsTensorInfo(name, dtype, shape, dataStart + begin, end - begin);
    }

    private static int ReadAt(SafeFileHandle handle, Span<byte> buffer, long offset)
    {
        int total = 0;
        while (total < buffer.Length)
        {
            int n = RandomAccess.Read(handle, buffer[total..], offset + total);
            if (n <= 0)
                break;
            total += n;
        }
        return total;
    }

    private static InvalidDataException Bad(string path, string what) =>
        new($"{path}: invalid safetensors header: {what}; the file is damaged or was written by a broken tool; {Advice}.");

    private static InvalidDataException NotSafetensors(string path, string why, ReadOnlySpan<byte> prefix)
    {
        string guess = Guess(prefix);
        return new InvalidDataException(
            $"{path} is not a safetensors file ({why}; expected an 8-byte little-endian header length followed by a JSON header){guess}; {Advice}.");
    }

    private static string Guess(ReadOnlySpan<byte> prefix)
    {
        if (prefix.Length >= 4 && prefix[0] == (byte)'P' && prefix[1] == (byte)'K' && prefix[2] == 3 && prefix[3] == 4)
            return "; it is a zip archive, as PyTorch's torch.save writes (pytorch_model.bin)";
        if (prefix.Length >= 2 && prefix[0] == 0x80 && prefix[1] <= 5)
            return "; it looks like a Python pickle (a legacy PyTorch checkpoint)";
        if (prefix.Length >= 1 && (prefix[0] == (byte)'{' || prefix[0] == (byte)'['))
            return $"; it starts like a JSON text file ('{Encoding.ASCII.GetString(prefix).Replace('\n', ' ')}...')";
        if (prefix.Length >= 4 && prefix[0] == 'G' && prefix[1] == 'G' && prefix[2] == 'U' && prefix[3] == 'F')
            return "; it is a GGUF file (llama.cpp)";
        return "";
    }
}
