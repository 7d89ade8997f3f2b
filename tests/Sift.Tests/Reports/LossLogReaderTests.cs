using Sift.Reports;

namespace Sift.Tests.Reports;

public sealed class LossLogReaderTests
{
    [Fact]
    public void Logs_are_found_recursively_and_labelled_by_relative_path()
    {
        using var fx = new ReportFixture().WithEverything();
        fx.Write("seed-1/sft-a/checkpoints/final/log.jsonl", ReportFixture.TrainLog(10, 10, 5, 10)); // inside checkpoints: not a stage
        var curves = LossLogReader.ReadRun(fx.Run);
        Assert.Equal(["seed-1/rft", "seed-1/sft-a", "seed-2/rft", "seed-2/sft-a", "seed-3/rft", "seed-3/sft-a"], curves.Select(c => c.RelativePath));
        Assert.All(curves, c => Assert.Equal(10, c.Train.Count));
        Assert.All(curves, c => Assert.Equal(2, c.HeldOut.Count));
        Assert.Equal("sft-a", curves[1].Stage);
        Assert.Equal("seed-1", curves[1].Prefix);
        Assert.Equal(10, curves[0].Train[0].X);
        Assert.True(curves[0].Train[0].Y > curves[0].Train[^1].Y);
    }

    [Fact]
    public void A_torn_last_line_is_skipped_and_resumed_steps_keep_the_last_record()
    {
        using var fx = new ReportFixture();
        fx.Write("log.jsonl", "{\"event\":\"train\",\"step\":10,\"loss\":3.0}\n{\"event\":\"train\",\"step\":20,\"loss\":2.0}\n{\"event\":\"train\",\"step\":20,\"loss\":1.5}\n{\"event\":\"train\",\"st");
        var curve = LossLogReader.Read(fx.File("log.jsonl"), ".");
        Assert.Equal([new Sift.Reports.Charts.ChartPoint(10, 3.0), new Sift.Reports.Charts.ChartPoint(20, 1.5)], curve.Train);
        Assert.Equal("run", curve.Stage);
    }

    [Fact]
    public void A_bad_record_names_the_file_line_and_field()
    {
        using var fx = new ReportFixture();
        fx.Write("log.jsonl", "{\"event\":\"train\",\"step\":10,\"loss\":3.0}\n{\"event\":\"train\",\"step\":20,\"loss\":\"low\"}\n{\"event\":\"train\",\"step\":30,\"loss\":1.0}\n");
        var e = Assert.Throws<InvalidDataException>(() => LossLogReader.ReadRun(fx.Run));
        Assert.Contains(fx.File("log.jsonl") + ":2", e.Message);
        Assert.Contains("'loss'", e.Message);

        fx.Write("log.jsonl", "{\"event\":\"train\",\"step\":10,\"loss\":3.0}\nnot json\n{\"event\":\"train\",\"step\":30,\"loss\":1.0}\n");
        e = Assert.Throws<InvalidDataException>(() => LossLogReader.ReadRun(fx.Run));
        Assert.Contains(fx.File("log.jsonl") + ":2", e.Message);

        fx.Write("log.jsonl", "{\"event\":\"eval\",\"eval_loss\":3.0}\n{}\n");
        e = Assert.Throws<InvalidDataException>(() => LossLogReader.ReadRun(fx.Run));
        Assert.Contains(":1: field 'step' is missing", e.Message);
    }
}
