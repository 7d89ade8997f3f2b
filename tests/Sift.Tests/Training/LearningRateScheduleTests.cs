using Sift.Training;

namespace Sift.Tests.Training;

public sealed class LearningRateScheduleTests
{
    private static readonly LearningRateSchedule Cosine = new() { PeakLearningRate = 1e-3, MinLearningRate = 1e-4, WarmupSteps = 10, TotalSteps = 110 };

    [Theory]
    [InlineData(0, 1e-4)]      // (0+1)/10 of the peak: no step at lr 0
    [InlineData(4, 5e-4)]
    [InlineData(9, 1e-3)]      // last warm-up step reaches the peak
    [InlineData(10, 1e-3)]     // cosine starts at the peak
    [InlineData(60, 5.5e-4)]   // half-way: (peak + min) / 2
    [InlineData(110, 1e-4)]    // total: min
    [InlineData(1000, 1e-4)]   // after: stays at min
    public void Cosine_with_warmup_at_key_steps(long step, double expected)
    {
        Assert.Equal(expected, Cosine.At(step), 1e-12);
    }

    [Fact]
    public void Cosine_quarter_point_and_monotone_decay()
    {
        // progress 1/4: min + (peak-min)·(1+cos(π/4))/2
        Assert.Equal(1e-4 + 9e-4 * (1 + Math.Cos(Math.PI / 4)) / 2, Cosine.At(35), 1e-15);
        for (int s = 10; s < 120; s++) Assert.True(Cosine.At(s + 1) <= Cosine.At(s));
        for (int s = 0; s < 9; s++) Assert.True(Cosine.At(s + 1) > Cosine.At(s));
    }

    [Fact]
    public void Constant_schedule_with_and_without_warmup()
    {
        var c = LearningRateSchedule.Constant(3e-4);
        Assert.Equal(3e-4, c.At(0));
        Assert.Equal(3e-4, c.At(1_000_000));
        var w = c with { WarmupSteps = 4 };
        Assert.Equal(1.5e-4, w.At(1), 1e-15);
        Assert.Equal(3e-4, w.At(3));
        Assert.Equal(3e-4, w.At(99));
    }

    [Fact]
    public void Invalid_settings_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => (Cosine with { TotalSteps = 5 }).Validate());
        Assert.Throws<ArgumentException>(() => (Cosine with { MinLearningRate = 1 }).Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => Cosine.At(-1));
        Cosine.Validate();
    }
}
