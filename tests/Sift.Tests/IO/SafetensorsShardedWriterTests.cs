using System.Text.Json;
using Sift.IO;

namespace Sift.Tests.IO;

public sealed class SafetensorsShardedWriterTests
{
    private static SafetensorsShardedWriter Writer(params (string Name, int Count)[] tensors)
    {
        var w = new SafetensorsShardedWriter();
        foreach (var (name, count) in tensors)
        {
            var data = Enumerable.Range(0, count).Select(i => i + count * 0.5f).ToArray();
            w.Add(name, [count], () => data);
        }
        return w.AddMetadata("format", "pt");
    }

    [Fact]
    public void Fills_shards_in_order_like_save_pretrained_and_writes_the_index()
    {
        using var tmp = new TempDir();
        // 400-byte limit: a (100 floats) + b (0) fit, c (50) overflows, big (200 > limit) gets its own, d follows.
        var files = Writer(("a", 100), ("b", 0), ("c", 50), ("big", 200), ("d", 10)).Save(tmp.Path, 400);
        Assert.Equal(["model-00001-of-00004.safetensors", "model-00002-of-00004.safetensors", "model-00003-of-00004.safetensors", "model-00004-of-00004.safetensors", "model.safetensors.index.json"], files);
        using var doc = JsonDocument.Parse(File.ReadAllText(tmp.File("model.safetensors.index.json")));
        Assert.Equal(4 * 360, doc.RootElement.GetProperty("metadata").GetProperty("total_size").GetInt64());
        var map = doc.RootElement.GetProperty("weight_map").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        Assert.Equal(["a", "b", "big", "c", "d"], map.Keys);
        Assert.Equal("model-00001-of-00004.safetensors", map["b"]);
        Assert.Equal("model-00002-of-00004.safetensors", map["c"]);
        Assert.Equal("model-00003-of-00004.safetensors", map["big"]);
        Assert.Equal("model-00004-of-00004.safetensors", map["d"]);
        using var cp = SafetensorsCheckpoint.Open(tmp.Path);
        Assert.True(cp.IsSharded);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => i + 100f), cp.ReadFloats("big"));
        Assert.Equal("pt", cp.Metadata["format"]);
    }

    [Fact]
    public void Switching_layouts_removes_the_other_layouts_files()
    {
        using var tmp = new TempDir();
        Writer(("a", 100), ("b", 100)).Save(tmp.Path, 400);
        Assert.Equal(2, Directory.GetFiles(tmp.Path, "model-*-of-*.safetensors").Length);
        Writer(("a", 100), ("b", 100)).Save(tmp.Path);
        Assert.Empty(Directory.GetFiles(tmp.Path, "model-*-of-*.safetensors"));
        Assert.False(File.Exists(tmp.File("model.safetensors.index.json")));
        Writer(("a", 100), ("b", 100), ("c", 100)).Save(tmp.Path, 400);
        Assert.False(File.Exists(tmp.File("model.safetensors")));
        Writer(("a", 100), ("b", 100)).Save(tmp.Path, 400);
        Assert.Equal(["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors"], Directory.GetFiles(tmp.Path, "model-*-of-*.safetensors").Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Narrow_dtypes_round_to_nearest_even_and_read_back()
    {
        // 1 + 2^-8 lies halfway between bfloat16 neighbours 1 and 1 + 2^-7: ties go to the even one (1);
        // 1 + 3·2^-8 is halfway between 1 + 2^-7 and 1 + 2^-6 and goes up to the even 1 + 2^-6.
        Assert.Equal(0x3F80, SafetensorsWriter.ToBFloat16(1f + 1f / 256));
        Assert.Equal(0x3F82, SafetensorsWriter.ToBFloat16(1f + 3f / 256));
        Assert.Equal(0x3F81, SafetensorsWriter.ToBFloat16(1f + 1.5f / 256 * 1.01f));
        Assert.True(float.IsNaN(BitConverter.UInt32BitsToSingle((uint)SafetensorsWriter.ToBFloat16(float.NaN) << 16)));
        using var tmp = new TempDir();
        float[] values = [1f, -2.5f, 1f + 1f / 256, 3.14159f, 65504f, 1e-3f];
        new SafetensorsWriter().Add("b", [6], () => values, SafetensorsDtype.BF16).Add("h", [6], () => values, SafetensorsDtype.F16).Save(tmp.File("x.safetensors"));
        using var f = SafetensorsFile.Open(tmp.File("x.safetensors"));
        Assert.Equal(SafetensorsDtype.BF16, f.GetInfo("b").Dtype);
        Assert.Equal(12, f.GetInfo("h").ByteLength);
        Assert.Equal(values.Select(v => BitConverter.UInt32BitsToSingle((uint)SafetensorsWriter.ToBFloat16(v) << 16)), f.ReadFloats("b"));
        Assert.Equal(values.Select(v => (float)(Half)v), f.ReadFloats("h"));
        Assert.Throws<ArgumentException>(() => new SafetensorsWriter().Add("i", [1], () => values, SafetensorsDtype.I32));
    }
}
