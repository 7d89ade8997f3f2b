using Sift.Data;
using Sift.Tests.Data;

namespace Sift.Tests.Cli.Commands;

public sealed class DataCommandTests
{
    [Fact]
    public void Synth_writes_readable_disjoint_gsm8k_files()
    {
        using var dir = new TempDirectory();
        var code = Sift.Cli.CommandCatalog.BuildRoot()
            .Parse(["data", "synth", "--train", "60", "--test", "20", "--seed", "3", "--out", dir.Path, "--max-steps", "6"]).Invoke();
        Assert.Equal(0, code);
        var train = JsonlDataset.Read(Path.Combine(dir.Path, "train.jsonl"), FieldMap.Gsm8k).Problems;
        var test = JsonlDataset.Read(Path.Combine(dir.Path, "test.jsonl")).Problems;
        Assert.Equal((60, 20), (train.Count, test.Count));
        Assert.Equal(test.Count, ProblemDeduplicator.Except(test, train).Count);
        Assert.Equal(["test.jsonl", "train.jsonl"], Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Synth_rejects_bad_options_with_exit_code_1()
    {
        using var dir = new TempDirectory();
        var code = Sift.Cli.CommandCatalog.BuildRoot()
            .Parse(["data", "synth", "--out", dir.Path, "--min-steps", "5", "--max-steps", "2"]).Invoke();
        Assert.Equal(1, code);
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void Stats_reads_a_file_and_fails_cleanly_on_a_malformed_one()
    {
        using var dir = new TempDirectory();
        var good = dir.File("good.jsonl", """{"question": "q1", "answer": "1+1=<<1+1=2>>2\n#### 2"}""" + "\n");
        var bad = dir.File("bad.jsonl", """{"question": "q1", "answer": "#### 2"}""" + "\n" + """{"question": "q2"}""" + "\n");
        var root = Sift.Cli.CommandCatalog.BuildRoot();
        Assert.Equal(0, root.Parse(["data", "stats", good]).Invoke());
        Assert.Equal(1, root.Parse(["data", "stats", bad]).Invoke());
        Assert.Equal(0, root.Parse(["data", "stats", bad, "--skip-invalid"]).Invoke());
        Assert.Equal(1, root.Parse(["data", "stats", good, "--fields", "nope"]).Invoke());
    }
}
