using Sift.IO;

namespace Sift.Tests.IO;

public sealed class SafetensorsCheckpointTests
{
    [Fact]
    public void Reads_single_file_and_sharded_layouts_alike()
    {
        using var tmp = new TempDir();
        string single = tmp.File("single");
        new SafetensorsWriter().Add("a", [2], new[] { 1f, 2f }).Add("b", [1], new[] { 3f }).AddMetadata("format", "pt")
            .Save(Path.Combine(single, SafetensorsCheckpoint.WeightsFile));

        string sharded = tmp.File("sharded");
        new SafetensorsWriter().Add("a", [2], new[] { 1f, 2f }).AddMetadata("format", "pt").Save(Path.Combine(sharded, "model-00001-of-00002.safetensors"));
        new SafetensorsWriter().Add("b", [1], new[] { 3f }).Save(Path.Combine(sharded, "model-00002-of-00002.safetensors"));
        File.WriteAllText(Path.Combine(sharded, SafetensorsCheckpoint.IndexFile),
            "{\"metadata\": {\"total_size\": 12}, \"weight_map\": {\"a\": \"model-00001-of-00002.safetensors\", \"b\": \"model-00002-of-00002.safetensors\"}}");

        foreach (string dir in new[] { single, sharded })
        {
            using var cp = SafetensorsCheckpoint.Open(dir);
            Assert.Equal(new[] { "a", "b" }, cp.Names);
            Assert.Equal(new[] { 1f, 2f }, cp.ReadFloats("a"));
            var dst = new float[1];
            cp.ReadInto("b", dst);
            Assert.Equal(3f, dst[0]);
            Assert.Equal("pt", cp.Metadata["format"]);
            Assert.Throws<KeyNotFoundException>(() => cp.ReadFloats("c"));
        }
    }

    [Fact]
    public void Missing_weights_get_a_clear_error()
    {
        using var tmp = new TempDir();
        File.WriteAllBytes(tmp.File("pytorch_model.bin"), "PK\u0003\u0004"u8.ToArray());
        var ex = Assert.Throws<FileNotFoundException>(() => SafetensorsCheckpoint.Open(tmp.Path));
        Assert.Contains("safe_serialization=True", ex.Message);
        Assert.Contains(tmp.Path, ex.Message);
    }
}
