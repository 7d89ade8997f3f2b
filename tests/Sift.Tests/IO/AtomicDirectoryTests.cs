using Sift.IO;

namespace Sift.Tests.IO;

public sealed class AtomicDirectoryTests
{
    [Fact]
    public void Commit_replaces_the_whole_directory()
    {
        using var tmp = new TempDir();
        string target = Path.Combine(tmp.Path, "checkpoints", "step-100");
        using (var d = AtomicDirectory.Begin(target))
        {
            File.WriteAllText(d.File("config.json"), "{\"v\": 1}");
            File.WriteAllText(d.File("stale.txt"), "only in v1");
            Assert.False(Directory.Exists(target));
            d.Commit();
        }
        Assert.Equal("{\"v\": 1}", File.ReadAllText(Path.Combine(target, "config.json")));

        using (var d = AtomicDirectory.Begin(target))
        {
            File.WriteAllText(d.File("config.json"), "{\"v\": 2}");
            d.Commit();
        }
        Assert.Equal("{\"v\": 2}", File.ReadAllText(Path.Combine(target, "config.json")));
        Assert.False(File.Exists(Path.Combine(target, "stale.txt")));
        Assert.Equal(new[] { "step-100" }, Directory.GetDirectories(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Fact]
    public void Abort_or_exception_keeps_the_old_directory()
    {
        using var tmp = new TempDir();
        string target = tmp.File("model");
        Directory.CreateDirectory(target);
        File.WriteAllText(Path.Combine(target, "a.txt"), "old");
        void WriteAndCrash()
        {
            using var d = AtomicDirectory.Begin(target);
            File.WriteAllText(d.File("a.txt"), "new");
            throw new InvalidOperationException("crash while writing");
        }
        Assert.Throws<InvalidOperationException>(WriteAndCrash);
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.Equal(new[] { target }, Directory.GetDirectories(tmp.Path));
    }

    [Fact]
    public void Recover_restores_a_directory_left_between_the_two_renames()
    {
        using var tmp = new TempDir();
        string target = tmp.File("model");
        string backup = tmp.File(".model.previous");
        Directory.CreateDirectory(backup);
        File.WriteAllText(Path.Combine(backup, "a.txt"), "old");
        AtomicDirectory.Recover(target);
        Assert.Equal("old", File.ReadAllText(Path.Combine(target, "a.txt")));
        Assert.False(Directory.Exists(backup));
    }
}
