using Sift.IO;

namespace Sift.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void Writes_and_replaces_files()
    {
        using var tmp = new TempDir();
        string p = tmp.File("sub/a.txt");
        AtomicFile.WriteAllText(p, "first");
        Assert.Equal("first", File.ReadAllText(p));
        AtomicFile.WriteAllText(p, "second ✓");
        Assert.Equal("second ✓", File.ReadAllText(p));
        AtomicFile.WriteAllBytes(p, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(p));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(p)!));
    }

    [Fact]
    public void A_throwing_writer_leaves_the_old_file_intact_and_no_temp_files()
    {
        using var tmp = new TempDir();
        string p = tmp.File("model.safetensors");
        File.WriteAllText(p, "old content");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(p, s =>
        {
            s.Write(new byte[1000]);
            throw new InvalidOperationException("boom");
        }));
        Assert.Equal("boom", ex.Message);
        Assert.Equal("old content", File.ReadAllText(p));
        Assert.Equal(new[] { p }, Directory.GetFiles(tmp.Path));
    }

    [Fact]
    public void A_throwing_writer_creates_no_file_when_none_existed()
    {
        using var tmp = new TempDir();
        string p = tmp.File("new.bin");
        Assert.Throws<IOException>(() => AtomicFile.Write(p, _ => throw new IOException("disk full")));
        Assert.Empty(Directory.GetFiles(tmp.Path));
    }
}

public sealed class AtomicFileWriterTests
{
    [Fact]
    public void Begin_commit_and_abort()
    {
        using var tmp = new TempDir();
        string p = tmp.File("x.txt");
        using (var w = AtomicFile.Begin(p))
        {
            w.Stream.Write("hello"u8);
            Assert.False(File.Exists(p));
            Assert.True(File.Exists(w.TempPath));
            w.Commit();
        }
        Assert.Equal("hello", File.ReadAllText(p));
        using (var w = AtomicFile.Begin(p))
        {
            w.Stream.Write("bye"u8);
            w.Abort();
        }
        Assert.Equal("hello", File.ReadAllText(p));
        Assert.Single(Directory.GetFiles(tmp.Path));
        AtomicFile.WriteAllBytes(p, "span"u8);
        Assert.Equal("span", File.ReadAllText(p));
    }
}
