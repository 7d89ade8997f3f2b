using System.Buffers.Binary;
using System.Text;
using Sift.IO;

namespace Sift.Tests.IO;

public sealed class SafetensorsTests
{
    [Fact]
    public void Round_trip_keeps_names_shapes_values_and_metadata()
    {
        using var tmp = new TempDir();
        string p = tmp.File("m.safetensors");
        var rng = new Random(7);
        var a = Enumerable.Range(0, 3 * 5).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        var b = new[] { float.NaN, float.PositiveInfinity, -0f, float.Epsilon, 1e-40f };
        var big = new float[300_000];
        for (int i = 0; i < big.Length; i++)
            big[i] = i * 0.25f;
        new SafetensorsWriter()
            .Add("z.last", [3, 5], a)
            .Add("a.first", [5], new ReadOnlyMemory<float>(b))
            .Add("m.big", [300, 1000], () => big)
            .Add("scalar", [], new[] { 42f })
            .Add("empty", [0, 4], Array.Empty<float>())
            .AddMetadata("config", "{\"hidden_size\": 8, \"name\": \"é+<>\"}")
            .AddMetadata("format", "pt")
            .Save(p);

        byte[] raw = File.ReadAllBytes(p);
        ulong headerLen = BinaryPrimitives.ReadUInt64LittleEndian(raw);
        Assert.Equal(0UL, headerLen % 8);
        Assert.Equal((byte)'{', raw[8]);

        using var f = SafetensorsFile.Open(p);
        Assert.Equal(new[] { "a.first", "empty", "m.big", "scalar", "z.last" }, f.Tensors.Select(t => t.Name));
        Assert.Equal(new long[] { 3, 5 }, f.GetInfo("z.last").Shape);
        Assert.Empty(f.GetInfo("scalar").Shape);
        Assert.All(f.Tensors, t => Assert.Equal(SafetensorsDtype.F32, t.Dtype));
        Assert.Equal(a, f.ReadFloats("z.last"));
        Assert.Equal(b.Select(BitConverter.SingleToInt32Bits), f.ReadFloats("a.first").Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(big, f.ReadFloats("m.big"));
        Assert.Equal(new[] { 42f }, f.ReadFloats("scalar"));
        Assert.Empty(f.ReadFloats("empty"));
        Assert.Equal("{\"hidden_size\": 8, \"name\": \"é+<>\"}", f.Metadata["config"]);
        Assert.Equal("pt", f.Metadata["format"]);

        var dst = new float[15];
        f.ReadInto("z.last", dst);
        Assert.Equal(a, dst);
        Assert.Throws<ArgumentException>(() => f.ReadInto("z.last", new float[14]));
        var missing = Assert.Throws<KeyNotFoundException>(() => f.GetInfo("nope"));
        Assert.Contains("nope", missing.Message);
        Assert.Contains(p, missing.Message);
    }

    [Fact]
    public void Writer_rejects_data_that_does_not_match_the_shape_and_keeps_the_old_file()
    {
        using var tmp = new TempDir();
        string p = tmp.File("m.safetensors");
        new SafetensorsWriter().Add("x", [2], new[] { 1f, 2f }).Save(p);
        byte[] before = File.ReadAllBytes(p);
        var w = new SafetensorsWriter().Add("x", [2, 2], new[] { 1f, 2f, 3f });
        var ex = Assert.Throws<InvalidOperationException>(() => w.Save(p));
        Assert.Contains("'x'", ex.Message);
        Assert.Equal(before, File.ReadAllBytes(p));
        Assert.Single(Directory.GetFiles(tmp.Path));
        Assert.Throws<ArgumentException>(() => new SafetensorsWriter().Add("x", [1], new[] { 1f }).Add("x", [1], new[] { 1f }));
    }

    [Fact]
    public void Reads_torch_written_F32_F16_BF16_I64_I32_fixture()
    {
        using var f = SafetensorsFile.Open(IoTestPaths.Fixture("torch_dtypes.safetensors"));
        Assert.Equal("pt", f.Metadata["format"]);
        Assert.Equal(SafetensorsDtype.BF16, f.GetInfo("bf16").Dtype);
        Assert.Equal(SafetensorsDtype.F16, f.GetInfo("f16").Dtype);
        Assert.Equal(SafetensorsDtype.I64, f.GetInfo("i64").Dtype);
        Assert.Equal(new long[] { 3, 8 }, f.GetInfo("bf16").Shape);
        foreach (string name in new[] { "f32", "f16", "bf16", "i64", "i32", "bf16_special", "f16_special" })
        {
            float[] got = f.ReadFloats(name);
            float[] want = f.ReadFloats("expected." + name);
            Assert.Equal(want.Length, got.Length);
            for (int i = 0; i < want.Length; i++)
                Assert.True(BitConverter.SingleToInt32Bits(want[i]) == BitConverter.SingleToInt32Bits(got[i]), $"{name}[{i}]: want {want[i]:R}, got {got[i]:R}");
        }
    }

    [Fact]
    public void Converts_known_F16_and_BF16_bit_patterns()
    {
        using var tmp = new TempDir();
        string p = tmp.File("h.safetensors");
        ushort[] f16 = [0x3C00, 0xC000, 0x7BFF, 0x0001, 0x7C00, 0x8000, 0x3555];
        float[] f16Want = [1f, -2f, 65504f, 5.9604645e-8f, float.PositiveInfinity, -0f, 0.33325195f];
        ushort[] bf16 = [0x3F80, 0xC020, 0x7F80, 0x0001, 0x4049, 0xFF80];
        float[] bf16Want = [1f, -2.5f, float.PositiveInfinity, BitConverter.Int32BitsToSingle(0x00010000), 3.140625f, float.NegativeInfinity];
        WriteRaw(p, ("a16", "F16", [f16.Length], ToBytes(f16)), ("b16", "BF16", [bf16.Length], ToBytes(bf16)));
        using var f = SafetensorsFile.Open(p);
        Assert.Equal(f16Want, f.ReadFloats("a16"));
        Assert.Equal(bf16Want, f.ReadFloats("b16"));
    }

    [Fact]
    public void Truncated_file_gets_a_clear_error()
    {
        using var tmp = new TempDir();
        string p = tmp.File("m.safetensors");
        new SafetensorsWriter().Add("w", [100], new float[100]).Save(p);
        byte[] full = File.ReadAllBytes(p);

        File.WriteAllBytes(p, full[..^10]);
        var ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p));
        Assert.Contains(p, ex.Message);
        Assert.Contains("truncated", ex.Message);

        File.WriteAllBytes(p, full[..20]);
        ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p));
        Assert.Contains("truncated", ex.Message);

        File.WriteAllBytes(p, full[..5]);
        ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p));
        Assert.Contains("not a safetensors file", ex.Message);

        File.WriteAllBytes(p, []);
        Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p));
    }

    [Fact]
    public void Foreign_files_get_a_clear_error()
    {
        using var tmp = new TempDir();
        string zip = tmp.File("pytorch_model.bin");
        byte[] zipBytes = new byte[4096];
        "PK\u0003\u0004"u8.CopyTo(zipBytes);
        new Random(1).NextBytes(zipBytes.AsSpan(4));
        File.WriteAllBytes(zip, zipBytes);
        var ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(zip));
        Assert.Contains(zip, ex.Message);
        Assert.Contains("not a safetensors file", ex.Message);
        Assert.Contains("zip", ex.Message);
        Assert.Contains("safe_serialization=True", ex.Message);

        string json = tmp.File("config.json");
        File.WriteAllText(json, "{\"hidden_size\": 768, \"num_hidden_layers\": 12, \"vocab_size\": 50257}");
        ex = Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(json));
        Assert.Contains("not a safetensors file", ex.Message);
        Assert.Contains("JSON", ex.Message);

        var rng = new Random(3);
        for (int trial = 0; trial < 20; trial++)
        {
            string r = tmp.File($"random{trial}.bin");
            byte[] bytes = new byte[rng.Next(0, 3000)];
            rng.NextBytes(bytes);
            File.WriteAllBytes(r, bytes);
            Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(r));
        }
    }

    [Fact]
    public void Bad_headers_are_rejected_with_the_reason()
    {
        using var tmp = new TempDir();
        string p = tmp.File("bad.safetensors");
        byte[] data16 = new byte[16];

        WriteHeader(p, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", data16);
        Assert.Contains("overlap", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        WriteHeader(p, "{\"a\":{\"dtype\":\"F33\",\"shape\":[2],\"data_offsets\":[0,8]}}", data16);
        Assert.Contains("unknown dtype 'F33'", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        WriteHeader(p, "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", data16);
        Assert.Contains("needs 12 bytes", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        WriteHeader(p, "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", data16);
        Assert.Contains("past the end", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        WriteHeader(p, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]", data16);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        WriteHeader(p, "{\"a\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", data16);
        Assert.Contains("non-negative", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        WriteHeader(p, "{\"__metadata__\":{\"n\":3}}", data16);
        Assert.Contains("not a string", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        WriteHeader(p, "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", data16);
        Assert.Contains("twice", Assert.Throws<InvalidDataException>(() => SafetensorsFile.Open(p)).Message);

        // Well-formed, out of order, with a hole: accepted.
        WriteHeader(p, "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[12,16]},\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", data16);
        using var ok = SafetensorsFile.Open(p);
        Assert.Equal(new[] { "a", "b" }, ok.Tensors.Select(t => t.Name));
    }

    private static void WriteHeader(string path, string header, byte[] data)
    {
        byte[] h = Encoding.UTF8.GetBytes(header);
        using var s = File.Create(path);
        Span<byte> len = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(len, (ulong)h.Length);
        s.Write(len);
        s.Write(h);
        s.Write(data);
    }

    private static byte[] ToBytes(ushort[] values)
    {
        var b = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(2 * i), values[i]);
        return b;
    }

    private static void WriteRaw(string path, params (string Name, string Dtype, long[] Shape, byte[] Data)[] tensors)
    {
        var sb = new StringBuilder("{");
        long off = 0;
        var data = new List<byte>();
        foreach (var t in tensors)
        {
            if (sb.Length > 1)
                sb.Append(',');
            sb.Append($"\"{t.Name}\":{{\"dtype\":\"{t.Dtype}\",\"shape\":[{string.Join(",", t.Shape)}],\"data_offsets\":[{off},{off + t.Data.Length}]}}");
            off += t.Data.Length;
            data.AddRange(t.Data);
        }
        sb.Append('}');
        WriteHeader(path, sb.ToString(), data.ToArray());
    }
}
