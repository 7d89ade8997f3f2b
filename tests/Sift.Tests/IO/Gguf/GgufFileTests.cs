using Sift.IO.Gguf;

namespace Sift.Tests.IO.Gguf;

/// <summary>GgufFile on hand-built files: dequantisation against hand-computed values, every metadata type, and errors that name the file, offset and what to do.</summary>
public sealed class GgufFileTests
{
    /// <summary>One file with an F16, a BF16 and a Q8_0 tensor whose bytes are written out by hand.</summary>
    private static string QuantisedFile()
    {
        var b = new GgufBytes().Header(tensors: 3, kvs: 1)
            .Str("general.architecture").U32(8).Str("llama")
            .Tensor("h", [4], 1, 0)            // F16: 4 × 2 bytes
            .Tensor("b", [2, 2], 30, 32)       // BF16 [2, 2]
            .Tensor("q", [32, 2], 8, 64)       // Q8_0: 2 rows of one 32-element block
            .Align();
        // F16 1.0, -2.0, 0.333251953125 (0x3555), 65504 (max)
        b.Raw(0x00, 0x3C, 0x00, 0xC0, 0x55, 0x35, 0xFF, 0x7B).Align();
        // BF16 1.0 (0x3F80), -5.0 (0xC0A0), 3.140625 (0x4049), 2^-126 (0x0080)
        b.Raw(0x80, 0x3F, 0xA0, 0xC0, 0x49, 0x40, 0x80, 0x00).Align();
        // Q8_0 block 0: d = 0.5 (F16 0x3800), q = -16..15; block 1: d = -0.25 (0xB400), q = 127, -128, then 0s
        b.Raw(0x00, 0x38);
        for (int i = -16; i < 16; i++) b.Raw((byte)(sbyte)i);
        b.Raw(0x00, 0xB4, 127, 0x80);
        for (int i = 2; i < 32; i++) b.Raw(0);
        return b.Save("quantised.gguf");
    }

    [Fact]
    public void F16_bf16_and_q8_0_tensors_dequantise_to_the_hand_computed_values()
    {
        var f = GgufFile.Open(QuantisedFile());
        Assert.Equal(3u, f.Version);
        Assert.Equal([1f, -2f, 0.333251953125f, 65504f], f.ReadFloats("h"));
        Assert.Equal([2L, 2L], f.GetInfo("b").Shape);
        Assert.Equal([1f, -5f, 3.140625f, MathF.Pow(2, -126)], f.ReadFloats("b"));
        var q = f.ReadFloats("q");
        Assert.Equal(64, q.Length);
        for (int i = 0; i < 32; i++) Assert.Equal((i - 16) * 0.5f, q[i]);
        Assert.Equal(127 * -0.25f, q[32]);
        Assert.Equal(-128 * -0.25f, q[33]);
        Assert.All(q[34..], v => Assert.Equal(0f, Math.Abs(v)));
        Assert.Equal([2L, 32L], f.GetInfo("q").Shape);
    }

    [Fact]
    public void A_q8_0_tensor_longer_than_one_read_chunk_dequantises_across_the_chunk_boundary()
    {
        const int Rows = 32770; // 32 × 32770 elements: more than the 2^20-element chunk
        var b = new GgufBytes().Header(1, 0).Tensor("q", [32, Rows], 8, 0).Align();
        for (int blk = 0; blk < Rows; blk++)
        {
            b.Raw(0x00, blk % 2 == 0 ? (byte)0x3C : (byte)0xBC); // d = 1 or -1
            for (int j = 0; j < 32; j++) b.Raw((byte)(sbyte)((blk + j) % 200 - 100));
        }
        var q = GgufFile.Open(b.Save("big.gguf")).ReadFloats("q");
        for (int blk = 0; blk < Rows; blk++)
        {
            for (int j = 0; j < 32; j++) Assert.Equal(((blk + j) % 200 - 100) * (blk % 2 == 0 ? 1f : -1f), q[blk * 32 + j]);
        }
    }

    [Fact]
    public void Metadata_of_every_type_reads_back_with_its_type_and_value()
    {
        var b = new GgufBytes().Header(tensors: 0, kvs: 14)
            .Str("u8").U32(0).Raw(200)
            .Str("i8").U32(1).Raw(0xFE)
            .Str("u16").U32(2).Raw(0x34, 0x12)
            .Str("i16").U32(3).Raw(0xFF, 0xFF)
            .Str("u32").U32(4).U32(4000000000)
            .Str("i32").U32(5).U32(unchecked((uint)-7))
            .Str("f32").U32(6).U32(BitConverter.SingleToUInt32Bits(1.5f))
            .Str("bool").U32(7).Raw(1)
            .Str("str").U32(8).Str("héllo ▁")
            .Str("arr").U32(9).U32(8).U64(2).Str("a").Str("")
            .Str("u64").U32(10).U64(ulong.MaxValue)
            .Str("i64").U32(11).U64(unchecked((ulong)-9L))
            .Str("f64").U32(12).U64(BitConverter.DoubleToUInt64Bits(-0.125))
            .Str("nested").U32(9).U32(9).U64(2).U32(5).U64(1).U32(3).U32(6).U64(0);
        var f = GgufFile.Open(b.Save("meta.gguf"));
        Assert.Equal(["u8", "i8", "u16", "i16", "u32", "i32", "f32", "bool", "str", "arr", "u64", "i64", "f64", "nested"], f.MetadataList.Select(p => p.Key));
        Assert.Equal((byte)200, f.Get("u8")!.Value);
        Assert.Equal((sbyte)-2, f.Get("i8")!.Value);
        Assert.Equal((ushort)0x1234, f.Get("u16")!.Value);
        Assert.Equal((short)-1, f.Get("i16")!.Value);
        Assert.Equal(4000000000u, f.Get("u32")!.Value);
        Assert.Equal(-7, f.Get("i32")!.Value);
        Assert.Equal(1.5f, f.Get("f32")!.Value);
        Assert.Equal(true, f.Get("bool")!.Value);
        Assert.Equal("héllo ▁", f.GetString("str"));
        Assert.Equal(["a", ""], f.GetArray<string>("arr")!);
        Assert.Equal(ulong.MaxValue, f.Get("u64")!.Value);
        Assert.Equal(-9L, f.GetInteger("i64"));
        Assert.Equal(-0.125, f.GetNumber("f64"));
        var nested = f.GetArray<GgufValue>("nested")!;
        Assert.Equal([3], (int[])nested[0].Value);
        Assert.Empty((float[])nested[1].Value);
        Assert.Equal(GgufValueType.Float32, nested[1].ElementType);
        Assert.Equal(4000000000L, f.GetInteger("u32"));
        Assert.Null(f.Get("absent"));
        var e = Assert.Throws<InvalidDataException>(() => f.GetString("u32"));
        Assert.Contains("'u32' is UInt32, expected a string", e.Message);
    }

    [Fact]
    public void Bad_magic_names_the_file_and_says_it_is_not_gguf()
    {
        var path = new GgufBytes().Raw("GGML"u8.ToArray()).U32(3).U64(0).U64(0).Save("magic.gguf");
        var e = Assert.Throws<InvalidDataException>(() => GgufFile.Open(path));
        Assert.Contains(path + ": offset 0: bad magic", e.Message);
        Assert.Contains("not a GGUF file", e.Message);
        var old = new GgufBytes().Raw("ggjt"u8.ToArray()).U32(3).Save("old.bin");
        Assert.Contains("convert_llama_ggml_to_gguf.py", Assert.Throws<InvalidDataException>(() => GgufFile.Open(old)).Message);
    }

    [Theory]
    [InlineData(1u, "version 1 is not supported")]
    [InlineData(4u, "unsupported GGUF version 4")]
    [InlineData(0x03000000u, "big-endian")]
    public void Unsupported_versions_are_refused_at_offset_4(uint version, string expected)
    {
        var path = new GgufBytes().Header(0, 0, version).Save("version.gguf");
        var e = Assert.Throws<InvalidDataException>(() => GgufFile.Open(path));
        Assert.Contains(": offset 4: ", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_file_cut_anywhere_is_called_truncated_with_the_field_and_offset()
    {
        var full = File.ReadAllBytes(QuantisedFile());
        foreach (int cut in new[] { 2, 10, 30, 60, 100, full.Length - 1 })
        {
            var path = new GgufBytes().Raw(full[..cut]).Save("cut.gguf");
            var e = Assert.Throws<InvalidDataException>(() => GgufFile.Open(path));
            Assert.StartsWith(path + ": ", e.Message);
            Assert.Contains("truncated", e.Message);
            Assert.Contains("fetch the file again", e.Message);
        }
        var header = new GgufBytes().Header(0, 1).Str("k").U32(8).U64(1000).Save("short.gguf");
        var m = Assert.Throws<InvalidDataException>(() => GgufFile.Open(header)).Message;
        Assert.Contains("metadata 'k' (string length) is 1000", m);
    }

    [Fact]
    public void An_unsupported_tensor_type_opens_but_refuses_to_read_naming_the_type_and_what_to_do()
    {
        var path = new GgufBytes().Header(1, 0).Tensor("blk.0.attn_q.weight", [256], 12, 0).Align().Raw(new byte[144]).Save("q4k.gguf");
        var f = GgufFile.Open(path);
        Assert.Equal(GgufTensorType.Q4_K, f.GetInfo("blk.0.attn_q.weight").Type);
        var e = Assert.Throws<NotSupportedException>(() => f.ReadFloats("blk.0.attn_q.weight"));
        Assert.Contains($"{path}: tensor 'blk.0.attn_q.weight' is Q4_K (ggml type 12)", e.Message);
        Assert.Contains("F32, F16, BF16 and Q8_0", e.Message);
        Assert.Contains("llama-quantize", e.Message);
    }

    [Fact]
    public void Unknown_codes_and_misaligned_offsets_are_refused_naming_the_field()
    {
        var unknownTensor = new GgufBytes().Header(1, 0).Tensor("t", [4], 99, 0).Align().Raw(new byte[16]).Save("t.gguf");
        Assert.Contains("tensor 't' has unknown ggml type code 99", Assert.Throws<InvalidDataException>(() => GgufFile.Open(unknownTensor)).Message);
        var unknownValue = new GgufBytes().Header(0, 1).Str("k").U32(42).Save("v.gguf");
        var e = Assert.Throws<InvalidDataException>(() => GgufFile.Open(unknownValue));
        Assert.Contains(": offset 33: metadata 'k' has unknown value type 42", e.Message);
        var misaligned = new GgufBytes().Header(1, 0).Tensor("t", [4], 0, 8).Align().Raw(new byte[64]).Save("m.gguf");
        Assert.Contains("tensor 't' data offset 8 is not a multiple of the alignment 32", Assert.Throws<InvalidDataException>(() => GgufFile.Open(misaligned)).Message);
        var dataCut = new GgufBytes().Header(1, 0).Tensor("t", [64], 0, 0).Align().Raw(new byte[100]).Save("d.gguf");
        var d = Assert.Throws<InvalidDataException>(() => GgufFile.Open(dataCut)).Message;
        Assert.Contains("truncated: tensor 't' [64] F32 ends at byte", d);
    }

    [Fact]
    public void General_alignment_moves_the_data_section()
    {
        var b = new GgufBytes().Header(1, 1).Str("general.alignment").U32(4).U32(64).Tensor("t", [2], 0, 0).Align(64);
        long data = b.Length;
        b.Raw(BitConverter.GetBytes(3f)).Raw(BitConverter.GetBytes(-4f));
        var f = GgufFile.Open(b.Save("align.gguf"));
        Assert.Equal(64, f.Alignment);
        Assert.Equal(data, f.DataOffset);
        Assert.Equal([3f, -4f], f.ReadFloats("t"));
    }
}
