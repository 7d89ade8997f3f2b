using System.Text.Json.Nodes;
using Sift.IO;

namespace Sift.Tests.IO;

public sealed class JsonlTests
{
    [Fact]
    public void Reads_objects_with_line_numbers_and_skips_blank_lines()
    {
        using var tmp = new TempDir();
        string p = tmp.File("a.jsonl");
        File.WriteAllText(p, "\uFEFF{\"q\": \"1+1\", \"a\": 2}\r\n\n   \n{\"q\": \"中文 😀\", \"a\": [1, 2]}\n{\"last\": true}");
        var recs = JsonlReader.ReadAll(p).ToList();
        Assert.Equal(new[] { 1, 4, 5 }, recs.Select(r => r.LineNumber));
        Assert.Equal("1+1", (string?)recs[0].Object["q"]);
        Assert.Equal("中文 😀", (string?)recs[1].Object["q"]);
        Assert.True((bool)recs[2].Object["last"]!);
    }

    [Fact]
    public void Bad_lines_throw_with_file_and_line()
    {
        using var tmp = new TempDir();
        string p = tmp.File("bad.jsonl");
        File.WriteAllText(p, "{\"a\": 1}\n{\"a\": 2,}\n");
        var ex = Assert.Throws<InvalidDataException>(() => JsonlReader.ReadAll(p).ToList());
        Assert.StartsWith($"{p}:2: invalid JSON", ex.Message);

        File.WriteAllText(p, "{\"a\": 1}\n\n[1, 2]\n");
        ex = Assert.Throws<InvalidDataException>(() => JsonlReader.ReadAll(p).ToList());
        Assert.Equal($"{p}:3: expected a JSON object, found an array", ex.Message);

        Assert.Throws<FileNotFoundException>(() => JsonlReader.ReadAll(tmp.File("missing.jsonl")));
    }

    [Fact]
    public void Skip_invalid_mode_counts_bad_lines()
    {
        using var tmp = new TempDir();
        string p = tmp.File("mixed.jsonl");
        File.WriteAllText(p, "{\"a\": 1}\nnot json\n\"str\"\n{\"a\": 2}\n{\"a\": \n42\n{\"a\": 3}\n");
        var reader = new JsonlReader(p, skipInvalid: true);
        var recs = reader.Read().ToList();
        Assert.Equal(new[] { 1, 4, 7 }, recs.Select(r => r.LineNumber));
        Assert.Equal(new[] { 1, 2, 3 }, recs.Select(r => (int)r.Object["a"]!));
        Assert.Equal(4, reader.InvalidLineCount);
        Assert.Equal(4, reader.InvalidLines.Count);
        Assert.StartsWith($"{p}:2:", reader.InvalidLines[0]);
        Assert.Contains("found a string", reader.InvalidLines[1]);
        Assert.Contains("found a number", reader.InvalidLines[3]);
        // A second pass starts counting afresh.
        Assert.Equal(3, reader.Read().Count());
        Assert.Equal(4, reader.InvalidLineCount);
    }

    [Fact]
    public void Writer_round_trips_and_is_atomic()
    {
        using var tmp = new TempDir();
        string p = tmp.File("out.jsonl");
        var nodes = new[]
        {
            new JsonObject { ["text"] = "line\nbreak \"quoted\" 中文 😀", ["n"] = 1 },
            new JsonObject { ["text"] = "", ["n"] = 2, ["nested"] = new JsonObject { ["x"] = new JsonArray(1, 2) } },
        };
        JsonlWriter.WriteAll(p, nodes);
        string text = File.ReadAllText(p);
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.Contains("中文", text);
        var back = JsonlReader.ReadAll(p).ToList();
        Assert.Equal(nodes[0].ToJsonString(), back[0].Object.ToJsonString());
        Assert.Equal(nodes[1].ToJsonString(), back[1].Object.ToJsonString());

        using (var w = new JsonlWriter(p))
        {
            w.Write(new { text = "typed", n = 3 });
            Assert.Equal(1, w.Count);
            // Disposed without Commit: the old file stays.
        }
        Assert.Equal(text, File.ReadAllText(p));
        Assert.Single(Directory.GetFiles(tmp.Path));

        using (var w = new JsonlWriter(p))
        {
            w.Write(new { text = "typed", n = 3 });
            w.Commit();
        }
        var typed = Assert.Single(JsonlReader.ReadAll(p));
        Assert.Equal("typed", (string?)typed.Object["text"]);
        Assert.Equal(3, (int)typed.Object["n"]!);
    }
}
