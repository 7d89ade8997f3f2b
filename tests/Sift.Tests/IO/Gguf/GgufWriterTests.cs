using Sift.IO.Gguf;

namespace Sift.Tests.IO.Gguf;

/// <summary>GgufWriter: the bytes the spec prescribes, every metadata type back through the reader, F16/BF16 narrowing as ggml rounds.</summary>
public sealed class GgufWriterTests
{
    private static string TempPath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "sift-tests", "gguf-w-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    [Fact]
    public void A_small_file_is_byte_for_byte_what_the_spec_lays_out()
    {
        var path = TempPath("small.gguf");
        new GgufWriter().Add("general.architecture", GgufValue.Of("llama")).AddTensor("w", [2, 3], [1f, 2f, 3f, 4f, 5f, 6f]).Save(path);
        var expected = new GgufBytes().Header(1, 1).Str("general.architecture").U32(8).Str("llama")
            .Tensor("w", [3, 2], 0, 0).Align();
        foreach (float v in new[] { 1f, 2f, 3f, 4f, 5f, 6f }) expected.Raw(BitConverter.GetBytes(v));
        expected.Align();
        Assert.Equal(expected.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void Every_metadata_type_round_trips_through_the_reader()
    {
        var values = new (string Key, GgufValue Value)[]
        {
            ("u8", GgufValue.Of((byte)7)), ("i8", GgufValue.Of((sbyte)-7)), ("u16", GgufValue.Of((ushort)65535)),
            ("i16", GgufValue.Of((short)-300)), ("u32", GgufValue.Of(uint.MaxValue)), ("i32", GgufValue.Of(int.MinValue)),
            ("f32", GgufValue.Of(float.Epsilon)), ("bool", GgufValue.Of(false)), ("str", GgufValue.Of("▁<0x0A>\n")),
            ("u64", GgufValue.Of(ulong.MaxValue)), ("i64", GgufValue.Of(long.MinValue)), ("f64", GgufValue.Of(Math.PI)),
            ("strings", GgufValue.ArrayOf(["<s>", "▁the", ""])), ("floats", GgufValue.ArrayOf([-1.5f, 0f])),
            ("ints", GgufValue.ArrayOf([1, 2, 3])), ("bools", GgufValue.ArrayOf(GgufValueType.Bool, new[] { true, false })),
            ("nested", GgufValue.ArrayOf(GgufValueType.Array, new[] { GgufValue.ArrayOf([1]), GgufValue.ArrayOf(["x"]) })),
        };
        var w = new GgufWriter();
        foreach (var (k, v) in values) w.Add(k, v);
        var path = TempPath("meta.gguf");
        w.Save(path);
        var f = GgufFile.Open(path);
        Assert.Equal(values.Select(v => v.Key), f.MetadataList.Select(p => p.Key));
        foreach (var (k, v) in values)
        {
            var back = f.Get(k)!;
            Assert.Equal(v.Type, back.Type);
            Assert.Equal(v.ElementType, back.ElementType);
            if (v.Value is GgufValue[] items)
            {
                var got = (GgufValue[])back.Value;
                Assert.Equal(items.Length, got.Length);
                for (int i = 0; i < items.Length; i++) Assert.Equal((System.Collections.IEnumerable)items[i].Value, (System.Collections.IEnumerable)got[i].Value);
            }
            else if (v.Value is Array a) Assert.Equal((System.Collections.IEnumerable)a, (System.Collections.IEnumerable)back.Value);
            else Assert.Equal(v.Value, back.Value);
        }
    }

    [Fact]
    public void F16_and_bf16_tensors_round_to_nearest_even_and_read_back()
    {
        // 1 + 2^-11 is halfway between two F16 values and rounds to even (1.0); 1 + 3·2^-11 rounds up.
        float[] data = [1f + MathF.Pow(2, -11), 1f + 3 * MathF.Pow(2, -11), -65504f, 0.1f];
        var path = TempPath("narrow.gguf");
        new GgufWriter().Add("general.alignment", GgufValue.Of(64u))
            .AddTensor("h", [4], data, GgufTensorType.F16)
            .AddTensor("b", [2, 2], data, GgufTensorType.BF16)
            .AddTensor("f", [1, 4], data)
            .Save(path);
        var f = GgufFile.Open(path);
        Assert.Equal(64, f.Alignment);
        Assert.Equal(0, f.DataOffset % 64);
        Assert.All(f.Tensors, t => Assert.Equal(0, t.Offset % 64));
        Assert.Equal([1f, 1f + 2 * MathF.Pow(2, -10), -65504f, (float)(Half)0.1f], f.ReadFloats("h"));
        Assert.Equal(data.Select(v => BitConverter.UInt32BitsToSingle((uint)Sift.IO.SafetensorsWriter.ToBFloat16(v) << 16)), f.ReadFloats("b"));
        Assert.Equal(data, f.ReadFloats("f"));
    }

    [Fact]
    public void Q8_0_quantises_as_ggml_per_block_of_32()
    {
        // Block 0: max |x| = 12.7 → d = 0.1 (F16 0.0999755859375), q = round(x / 0.1); block 1 all zero → d = 0, q = 0.
        var data = new float[64];
        for (int j = 0; j < 32; j++) data[j] = (j - 16) * 0.3f;
        data[31] = -12.7f;
        var bytes = GgufQuantizer.QuantizeQ8_0(data);
        Assert.Equal(68, bytes.Length);
        Assert.Equal((Half)0.1f, BitConverter.UInt16BitsToHalf(BitConverter.ToUInt16(bytes, 0)));
        for (int j = 0; j < 31; j++) Assert.Equal((sbyte)MathF.Round((j - 16) * 0.3f / (12.7f / 127f), MidpointRounding.AwayFromZero), (sbyte)bytes[2 + j]);
        Assert.Equal(-127, (sbyte)bytes[2 + 31]);
        Assert.All(bytes[34..], b => Assert.Equal(0, b));
        var path = TempPath("q8.gguf");
        new GgufWriter().AddTensor("q", [2, 32], data, GgufTensorType.Q8_0).Save(path);
        var back = GgufFile.Open(path).ReadFloats("q");
        float d = (float)(Half)0.1f;
        for (int j = 0; j < 32; j++) Assert.Equal((sbyte)bytes[2 + j] * d, back[j]);
        Assert.True(back.Zip(data).All(p => MathF.Abs(p.First - p.Second) <= 0.051f));
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var w = new GgufWriter();
        Assert.Throws<ArgumentException>(() => w.AddTensor("q", [2, 48], new float[96], GgufTensorType.Q8_0));
        Assert.Throws<ArgumentException>(() => w.AddTensor("k", [4], new float[4], GgufTensorType.Q4_K));
        Assert.Throws<ArgumentException>(() => w.AddTensor("z", [0], Array.Empty<float>()));
        Assert.Throws<ArgumentException>(() => w.Add("general.alignment", GgufValue.Of(12u)));
        Assert.Throws<ArgumentException>(() => GgufValue.ArrayOf(GgufValueType.Int32, new float[1]));
        w.AddTensor("t", [2], new float[3]);
        var e = Assert.Throws<InvalidOperationException>(() => w.Save(TempPath("bad.gguf")));
        Assert.Contains("tensor 't' has shape [2] (2 elements) but its data has 3", e.Message);
    }
}
